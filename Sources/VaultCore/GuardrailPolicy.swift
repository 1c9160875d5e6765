import Foundation

/// A document the guardrails are judged with, as a source observed it: a vault access policy
/// (`GetBackupVaultAccessPolicy`), an Organizations service control policy, an EventBridge rule
/// with its targets (`DescribeRule` + `ListTargetsByRule`, the shape `--rule` files take), or a
/// backup plan (`GetBackupPlan`, kept to judge plans against the lock ranges of their vaults).
/// The document is kept as the exact JSON text fetched (for a rule, the describe-rule answer with
/// its targets added), so what is evaluated and shown is what AWS holds.
public struct GuardrailPolicy: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case vaultAccessPolicy = "vault-access-policy"
        case serviceControlPolicy = "service-control-policy"
        case eventRule = "event-rule"
        case backupPlan = "backup-plan"
    }

    public var kind: Kind
    /// For a vault access policy, the vault's name; for an SCP, the policy's name; for a rule,
    /// `bus/rule`; for a plan, its name.
    public var name: String
    /// An SCP's or a plan's id (`p-a1b2c3d4`, the BackupPlanId), which an `OrganizationPath` names.
    public var policyId: String?
    /// For a vault access policy, the vault's account and region (nil in a record from before
    /// schema 3, which names its vault only).
    public var accountId: String?
    public var region: String?
    /// The policy document as JSON text; nil when the vault has no access policy (any more) or
    /// the SCP was detached.
    public var document: String?
    /// When the source read it.
    public var observedAt: Date

    public init(
        kind: Kind, name: String, policyId: String? = nil, accountId: String? = nil, region: String? = nil,
        document: String?, observedAt: Date
    ) {
        self.kind = kind
        self.name = name
        self.policyId = policyId
        self.accountId = accountId
        self.region = region
        self.document = document
        self.observedAt = observedAt
    }

    public static func accessPolicy(of vault: VaultKey, document: String?, at date: Date) -> GuardrailPolicy {
        GuardrailPolicy(
            kind: .vaultAccessPolicy, name: vault.name, accountId: vault.isLegacy ? nil : vault.accountId,
            region: vault.isLegacy ? nil : vault.region, document: document, observedAt: date)
    }

    /// For a vault access policy, the vault it guards.
    public var vaultKey: VaultKey {
        VaultKey(accountId: accountId ?? "", region: region ?? "", name: name)
    }

    public static func serviceControlPolicy(named name: String, document: String?, at date: Date)
        -> GuardrailPolicy
    {
        GuardrailPolicy(kind: .serviceControlPolicy, name: name, document: document, observedAt: date)
    }
}

extension GuardrailPolicy {
    /// Where a rule or plan was read (its account and region), and the key it is kept under.
    public var scopedName: String {
        guard let accountId, let region else { return name }
        return "\(accountId)/\(region)/\(name)"
    }
}
