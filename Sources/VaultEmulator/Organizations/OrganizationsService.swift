import Foundation
import VaultCore

/// AWS Organizations (JSON 1.1, `AWSOrganizationsV20161128`), read only, over the emulator's
/// organization: `DescribeOrganization` for any member account; `ListRoots`, `ListParents`,
/// `ListPoliciesForTarget`, `ListPolicies` and `DescribePolicy` for the management account and the
/// delegated administrators, as AWS allows. An account outside the organization is told it is not
/// in one. Only service control policies are enabled.
struct OrganizationsService {
    static let targetPrefix = "AWSOrganizationsV20161128"
    static let policyTypes: Set<String> = [
        "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY",
        "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY",
        "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY",
    ]

    let organization: EmulatorOrganization
    let enforcement: PolicyEnforcement

    func handle(_ call: JSONCall) throws(ServiceError) -> Data {
        let account = call.principal.accountId
        guard organization.contains(account: account) else {
            throw ServiceError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
        }
        if let refusal = enforcement.refusal("organizations:\(call.operation)", by: call.principal, on: "*") {
            throw ServiceError("AccessDeniedException", refusal)
        }
        if call.operation != "DescribeOrganization", !organization.mayRead(account) {
            throw ServiceError("AccessDeniedException", "You don't have permissions to access this resource.")
        }
        var out = JSONWriter()
        switch call.operation {
        case "DescribeOrganization":
            out.add("Organization") { organization in self.describe(into: &organization) }
        case "ListRoots":
            let page = try call.page([organization.rootId], limits: 1...20, defaultLimit: 20, scope: "roots")
            out.add("Roots", each: page.items) { root, id in
                root.add("Id", id)
                root.add("Arn", organization.rootArn)
                root.add("Name", "Root")
                root.add("PolicyTypes", objects: [Self.enabledSCPs])
            }
            out.add("NextToken", page.next)
        case "ListParents":
            let child = try call.required("ChildId")
            guard organization.parents[child] != nil else {
                throw ServiceError(
                    "ChildNotFoundException",
                    "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.")
            }
            let parents = organization.parents[child].map { [$0] } ?? []
            let page = try call.page(parents, limits: 1...20, defaultLimit: 20, scope: child)
            out.add("Parents", each: page.items) { parent, id in
                parent.add("Id", id)
                parent.add("Type", id == organization.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT")
            }
            out.add("NextToken", page.next)
        case "ListPoliciesForTarget":
            let target = try call.required("TargetId")
            let filter = try self.filter(call)
            guard organization.isTarget(target) else {
                throw ServiceError(
                    "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.")
            }
            let attached = filter == "SERVICE_CONTROL_POLICY" ? organization.policies(attachedTo: target) : []
            let page = try call.page(attached, limits: 1...20, defaultLimit: 20, scope: "\(target)|\(filter)")
            out.add("Policies", each: page.items) { summary, policy in self.summary(policy, into: &summary) }
            out.add("NextToken", page.next)
        case "ListPolicies":
            let filter = try self.filter(call)
            let policies = filter == "SERVICE_CONTROL_POLICY" ? organization.policies : []
            let page = try call.page(policies, limits: 1...20, defaultLimit: 20, scope: filter)
            out.add("Policies", each: page.items) { summary, policy in self.summary(policy, into: &summary) }
            out.add("NextToken", page.next)
        case "DescribePolicy":
            let id = try call.required("PolicyId")
            guard let policy = organization.policy(id: id) else {
                throw ServiceError("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
            }
            out.add("Policy") { described in
                described.add("PolicySummary") { summary in self.summary(policy, into: &summary) }
                described.add("Content", policy.document)
            }
        default:
            throw ServiceError("UnknownOperationException", "vaultwatch's emulator does not offer Organizations \(call.operation).")
        }
        return out.data
    }

    private func describe(into out: inout JSONWriter) {
        let management = organization.managementAccountId
        out.add("Id", organization.id)
        out.add("Arn", organization.arn)
        out.add("FeatureSet", "ALL")
        out.add("MasterAccountArn", "arn:aws:organizations::\(management):account/\(organization.id)/\(management)")
        out.add("MasterAccountId", management)
        out.add("MasterAccountEmail", "aws-management@example.com")
        out.add("AvailablePolicyTypes", objects: [Self.enabledSCPs])
    }

    private func summary(_ policy: EmulatorOrganization.Policy, into out: inout JSONWriter) {
        out.add("Id", policy.id)
        out.add("Arn", organization.arn(of: policy))
        out.add("Name", policy.name)
        out.add("Description", policy.description ?? "")
        out.add("Type", "SERVICE_CONTROL_POLICY")
        out.add("AwsManaged", policy.awsManaged)
    }

    private func filter(_ call: JSONCall) throws(ServiceError) -> String {
        let filter = try call.required("Filter")
        guard Self.policyTypes.contains(filter) else {
            throw call.invalid("Filter must be one of \(Self.policyTypes.sorted().joined(separator: ", ")).")
        }
        return filter
    }

    static var enabledSCPs: JSONWriter {
        var type = JSONWriter()
        type.add("Type", "SERVICE_CONTROL_POLICY")
        type.add("Status", "ENABLED")
        return type
    }
}
