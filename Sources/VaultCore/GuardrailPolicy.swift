import Foundation

/// A policy document that guards the central backup account, as a source observed it: a vault
/// access policy (`GetBackupVaultAccessPolicy`) or an Organizations service control policy.
/// The document is kept as the exact JSON text fetched, so what is evaluated and shown is what
/// AWS holds, not a re-serialization of it.
public struct GuardrailPolicy: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case vaultAccessPolicy = "vault-access-policy"
        case serviceControlPolicy = "service-control-policy"
    }

    public var kind: Kind
    /// For a vault access policy, the vault's name; for an SCP, the policy's name.
    public var name: String
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
        kind: Kind, name: String, accountId: String? = nil, region: String? = nil, document: String?,
        observedAt: Date
    ) {
        self.kind = kind
        self.name = name
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
