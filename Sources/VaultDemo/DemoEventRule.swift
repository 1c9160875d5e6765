import Foundation
import VaultCore

/// The EventBridge rule the demo account has deployed on its default bus: the pattern of the alert
/// rule the demo is judged with (the seeds' pattern with its blind spot for root and IAM users
/// closed), sending to the seeds' SNS topic.
public struct DemoEventRule: Equatable, Sendable {
    public let name: String
    public let description: String
    /// The event pattern, as `put-rule --event-pattern` takes it.
    public let pattern: String
    /// Each target's id and ARN.
    public let targets: [Target]

    public struct Target: Equatable, Sendable {
        public let id: String
        public let arn: String
    }
}

extension DemoAccount {
    public static var eventRule: DemoEventRule {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let pattern =
            alertRule.pattern.flatMap { try? encoder.encode($0.json) }.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return DemoEventRule(
            name: "central-backup-vault-sensitive-actions",
            description: "Sensitive AWS Backup calls by anyone but the vault admins, root and IAM users included",
            pattern: pattern, targets: [DemoEventRule.Target(id: "central-backup-vault-alerts", arn: alertTopicArn)])
    }
}
