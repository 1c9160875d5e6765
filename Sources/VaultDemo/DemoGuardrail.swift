import VaultCore

/// The seeds' service control policy, simulated: a `Deny` of the sensitive actions on the
/// guarded vaults for every principal whose ARN is not one of the vault admins
/// (`ArnNotLike aws:PrincipalArn`). SCPs bind every principal of a member account, its root user
/// included; only AWS services acting for the account are outside them.
public struct DemoGuardrail: Equatable, Sendable {
    /// The policy's name, as an operator would find it in AWS Organizations.
    public var policyName: String
    public var adminArns: [String]
    public var guardedVaults: Set<String>
    public var deniedActions: Set<String>

    public init(
        policyName: String, adminArns: [String], guardedVaults: Set<String>,
        deniedActions: Set<String> = Set(AlertRule.seedSensitiveActions)
    ) {
        self.policyName = policyName
        self.adminArns = adminArns
        self.guardedVaults = guardedVaults
        self.deniedActions = deniedActions
    }

    /// No SCP at all: every call is left to the Vault Lock rules.
    public static let none = DemoGuardrail(policyName: "none", adminArns: [], guardedVaults: [], deniedActions: [])

    /// The seeds' SCP for a central backup account: the vault admin and the StackSet execution role.
    public static func seed(account: String, guardedVaults: Set<String>) -> DemoGuardrail {
        DemoGuardrail(
            policyName: "central-backup-vault-guardrail",
            adminArns: AlertRule.seed(account: account).adminArns, guardedVaults: guardedVaults)
    }

    public func isAdmin(_ principal: Principal) -> Bool { adminArns.contains(principal.judgedArn) }

    /// Whether the SCP lets `principal` call `action` on `vaultName` (whose ARN is `vaultArn`).
    /// A refusal's reason is the message CloudTrail records with `AccessDenied`.
    public func verdict(for action: String, by principal: Principal, on vaultName: String, vaultArn: String) -> Verdict
    {
        guard deniedActions.contains(action), guardedVaults.contains(vaultName) else {
            return .allowed(because: "\(policyName) does not cover \(action) on \(vaultName).")
        }
        if principal.kind == .awsService {
            return .allowed(because: "Service control policies do not apply to AWS services.")
        }
        if isAdmin(principal) {
            return .allowed(because: "\(principal.displayName) is a vault admin, exempt from \(policyName).")
        }
        return .refused(
            because: "User: \(principal.arn) is not authorized to perform: backup:\(action) on resource: \(vaultArn) "
                + "with an explicit deny in a service control policy")
    }
}
