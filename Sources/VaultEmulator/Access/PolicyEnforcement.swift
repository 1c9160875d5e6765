import Foundation
import VaultCore
import VaultDemo

/// The one place the emulator asks vaultwatch's IAM evaluator (`Authorization`, the code behind
/// `policy simulate` and the guardrail checks): every call, by the signing principal, against the
/// resource's policy (a vault's access policy) and the SCPs that bind the caller's account, level by
/// level from the organization's root down, as AWS Organizations answers them. The principals' own
/// identity-based policies are not modelled: they are taken to allow. A denial is answered as AWS
/// words it, naming the kind of policy that denied: "… with an explicit deny in a service control
/// policy", "… in a resource-based policy", "… because no service control policy allows …",
/// "… because no resource-based policy allows …".
struct PolicyEnforcement: BackupAuthorizer {
    let organizationId: String
    /// The SCPs binding each account of the organization (an account outside it: none).
    let bindings: [String: ServiceControlPolicies]

    init(organization: EmulatorOrganization) {
        organizationId = organization.id
        var bindings: [String: ServiceControlPolicies] = [:]
        for account in organization.parents.keys where organization.contains(account: account) {
            bindings[account] = organization.serviceControlPolicies(for: account)
        }
        self.bindings = bindings
    }

    /// Actions IAM authorizes against the recovery point rather than the vault.
    static let recoveryPointActions: Set<String> = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "DescribeRecoveryPoint",
    ]

    func denial(of call: BackupAuthorizationRequest) -> BackupServiceError? {
        let resource: String
        if Self.recoveryPointActions.contains(call.action), let point = call.recoveryPointArn {
            resource = point
        } else {
            resource = call.vaultArn ?? "*"
        }
        let action = "backup:\(call.action)"
        if call.principal.kind != .awsService, call.principal.accountId != call.accountId, call.vaultArn == nil {
            // Only a vault's access policy can let another account in; calls on no vault have none.
            return .accessDenied("\(Self.prefix(call.principal, action, resource)) because no resource-based policy allows the \(action) action")
        }
        var vaultPolicy: PolicyDocument?
        if let text = call.accessPolicy {
            vaultPolicy = try? PolicyDocument.parse(text, name: "access policy of \(call.vaultName ?? "the vault")")
        }
        return refusal(action, by: call.principal, on: resource, resourcePolicy: vaultPolicy).map(BackupServiceError.accessDenied)
    }

    /// AWS's `AccessDenied` message when `principal` may not call `action` (`service:Operation`) on
    /// `resource`; nil when the policies let it through.
    func refusal(_ action: String, by principal: Principal, on resource: String, resourcePolicy: PolicyDocument? = nil)
        -> String?
    {
        guard principal.kind != .awsService else { return nil }
        let scps = bindings[principal.accountId] ?? .none
        let request = AccessRequest(
            principalArn: principal.judgedArn, callerArn: principal.arn, action: action, resource: resource,
            orgID: bindings[principal.accountId] != nil ? organizationId : nil)
        let decision = Authorization.decide(
            request, AuthorizationPolicies(vaultPolicy: resourcePolicy, identityPolicies: nil, serviceControlPolicies: scps))
        let prefix = Self.prefix(principal, action, resource)
        switch decision.verdict {
        case .allowed:
            return nil
        case .unknown:
            return "\(prefix) because vaultwatch's emulator cannot evaluate a policy that decides it (\(decision.reason))"
        case .explicitDeny:
            if decision.matched.contains(where: { $0.policyKind == .serviceControlPolicy && $0.effect == .deny }) {
                return "\(prefix) with an explicit deny in a service control policy"
            }
            return "\(prefix) with an explicit deny in a resource-based policy"
        case .implicitDeny:
            if case .denied = Guardrails.decideBySCPs(request, scps: scps).outcome {
                return "\(prefix) because no service control policy allows the \(action) action"
            }
            return "\(prefix) because no resource-based policy allows the \(action) action"
        }
    }

    static func prefix(_ principal: Principal, _ action: String, _ resource: String) -> String {
        "User: \(principal.arn) is not authorized to perform: \(action) on resource: \(resource)"
    }
}
