import Foundation
import VaultCore
import VaultDemo

/// The one place the emulator asks vaultwatch's IAM evaluator (`Guardrails`, the same code the
/// guardrail checks use): every call, by the signing principal, against the vault's access policy
/// and the SCPs that bind the account. A denial is answered as AWS words it, naming the kind of
/// policy that denied: "… with an explicit deny in a service control policy", "… in a
/// resource-based policy", "… because no resource-based policy allows …".
struct PolicyEnforcement: BackupAuthorizer {
    /// The SCPs in force, by name, parsed.
    let scps: [PolicyDocument]
    let organizationId: String
    /// The accounts of the organisation (the emulated account and its members).
    let organizationAccounts: Set<String>

    /// Actions IAM authorizes against the recovery point rather than the vault.
    static let recoveryPointActions: Set<String> = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "DescribeRecoveryPoint",
    ]

    func denial(of call: BackupAuthorizationRequest) -> BackupServiceError? {
        let principal = call.principal
        guard principal.kind != .awsService else { return nil }
        let resource: String
        if Self.recoveryPointActions.contains(call.action), let point = call.recoveryPointArn {
            resource = point
        } else {
            resource = call.vaultArn ?? "*"
        }
        let inOrganization = organizationAccounts.contains(principal.accountId)
        let request = AccessRequest(
            principalArn: principal.judgedArn, action: "backup:\(call.action)", resource: resource,
            orgID: inOrganization ? organizationId : nil)
        var vaultPolicy: PolicyDocument?
        if let text = call.accessPolicy {
            vaultPolicy = try? PolicyDocument.parse(text, name: "access policy of \(call.vaultName ?? "the vault")")
        }
        // SCPs bind the principals of the organisation's member accounts, not a caller from outside.
        let binding = principal.accountId == call.accountId ? scps : []
        let prefix =
            "User: \(principal.arn) is not authorized to perform: backup:\(call.action) on resource: \(resource)"
        if principal.accountId != call.accountId, call.vaultArn == nil {
            // Only a vault's access policy can let another account in; calls on no vault have none.
            return .accessDenied("\(prefix) because no resource-based policy allows the backup:\(call.action) action")
        }
        let decision = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: binding)
        switch decision.outcome {
        case .notDenied:
            return nil
        case .unknown:
            return .accessDenied(
                "\(prefix) because vaultwatch's emulator cannot evaluate a policy that decides it (\(decision.reason))")
        case .denied:
            if decision.deciding.contains(where: { $0.policyKind == .serviceControlPolicy && $0.effect == .deny }) {
                return .accessDenied("\(prefix) with an explicit deny in a service control policy")
            }
            if decision.deciding.contains(where: { $0.policyKind == .resourcePolicy && $0.effect == .deny }) {
                return .accessDenied("\(prefix) with an explicit deny in a resource-based policy")
            }
            if principal.accountId != call.accountId {
                return .accessDenied(
                    "\(prefix) because no resource-based policy allows the backup:\(call.action) action")
            }
            return .accessDenied(
                "\(prefix) because no service control policy allows the backup:\(call.action) action")
        }
    }
}
