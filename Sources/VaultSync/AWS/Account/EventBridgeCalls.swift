import AWSClient
import Foundation

/// EventBridge, read to judge the alert rules: the rules of a bus, each one's description and
/// targets. JSON 1.1, target prefix `AWSEvents`.
enum EventBridgeCalls {
    static let target = "AWSEvents"

    struct RulesAnswer: Decodable {
        struct Rule: Decodable {
            var Name: String
            var Arn: String?
            var EventPattern: String?
            var State: String?
            var EventBusName: String?
        }
        var Rules: [Rule]?
        var NextToken: String?
    }

    struct TargetsAnswer: Decodable {
        struct Target: Decodable {
            var Id: String
            var Arn: String
        }
        var Targets: [Target]?
        var NextToken: String?
    }

    private struct RulesInput: Encodable {
        var EventBusName: String
        var NextToken: String?
    }

    private struct RuleInput: Encodable {
        var Name: String
        var EventBusName: String
    }

    private struct TargetsInput: Encodable {
        var Rule: String
        var EventBusName: String
        var NextToken: String?
    }

    static func listRules(bus: String, token: String?) throws -> AWSOperation {
        try .json(.eventBridge, "ListRules", version: .v1_1, targetPrefix: target, input: RulesInput(EventBusName: bus, NextToken: token))
    }

    static func describeRule(_ name: String, bus: String) throws -> AWSOperation {
        try .json(.eventBridge, "DescribeRule", version: .v1_1, targetPrefix: target, input: RuleInput(Name: name, EventBusName: bus))
    }

    static func listTargets(rule: String, bus: String, token: String?) throws -> AWSOperation {
        try .json(
            .eventBridge, "ListTargetsByRule", version: .v1_1, targetPrefix: target,
            input: TargetsInput(Rule: rule, EventBusName: bus, NextToken: token))
    }
}
