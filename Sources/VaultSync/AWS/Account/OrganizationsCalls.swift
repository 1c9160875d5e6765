import AWSClient
import Foundation

/// AWS Organizations, read to find the SCPs that bind an account, level by level. JSON 1.1, target
/// prefix `AWSOrganizationsV20161128`; a global service reached in us-east-1. Only the management
/// account or a delegated administrator may call all but `DescribeOrganization`.
enum OrganizationsCalls {
    static let target = "AWSOrganizationsV20161128"

    struct OrganizationAnswer: Decodable {
        struct Organization: Decodable {
            var Id: String?
            var MasterAccountId: String?
        }
        var Organization: Organization
    }

    struct ParentsAnswer: Decodable {
        struct Parent: Decodable {
            var Id: String
            var `Type`: String
        }
        var Parents: [Parent]?
        var NextToken: String?
    }

    struct PoliciesAnswer: Decodable {
        struct Summary: Decodable {
            var Id: String
            var Name: String?
        }
        var Policies: [Summary]?
        var NextToken: String?
    }

    struct PolicyAnswer: Decodable {
        struct Policy: Decodable {
            struct Summary: Decodable {
                var Id: String
                var Name: String?
            }
            var PolicySummary: Summary
            var Content: String?
        }
        var Policy: Policy
    }

    private struct ParentsInput: Encodable {
        var ChildId: String
        var NextToken: String?
    }

    private struct PoliciesInput: Encodable {
        var TargetId: String
        var Filter = "SERVICE_CONTROL_POLICY"
        var NextToken: String?
    }

    private struct PolicyInput: Encodable {
        var PolicyId: String
    }

    static func describeOrganization() -> AWSOperation {
        .json(.organizations, "DescribeOrganization", version: .v1_1, targetPrefix: target)
    }

    static func listParents(of child: String, token: String?) throws -> AWSOperation {
        try .json(.organizations, "ListParents", version: .v1_1, targetPrefix: target, input: ParentsInput(ChildId: child, NextToken: token))
    }

    static func listPolicies(for targetId: String, token: String?) throws -> AWSOperation {
        try .json(
            .organizations, "ListPoliciesForTarget", version: .v1_1, targetPrefix: target,
            input: PoliciesInput(TargetId: targetId, NextToken: token))
    }

    static func describePolicy(_ id: String) throws -> AWSOperation {
        try .json(.organizations, "DescribePolicy", version: .v1_1, targetPrefix: target, input: PolicyInput(PolicyId: id))
    }
}
