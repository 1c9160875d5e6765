import Foundation

/// A backup vault in the central backup account, as `DescribeBackupVault` reports it.
public struct Vault: Codable, Equatable, Sendable, Identifiable {
    public enum KeyType: String, Codable, Sendable {
        case awsOwned = "AWS_OWNED_KMS_KEY"
        case customerManaged = "CUSTOMER_MANAGED_KMS_KEY"
    }

    public var name: String
    public var arn: String
    public var accountId: String
    public var region: String
    public var creationDate: Date
    public var encryptionKeyArn: String?
    public var encryptionKeyType: KeyType?
    /// A readable name for the key, e.g. `alias/central-backup`, when the source knows it.
    public var encryptionKeyAlias: String?
    /// Nil when the vault has no Vault Lock.
    public var lock: LockConfiguration?

    /// Account, region and name: what identifies the vault in a store of several accounts.
    public var key: VaultKey { VaultKey(accountId: accountId, region: region, name: name) }

    public var id: VaultKey { key }

    public init(
        name: String, arn: String, accountId: String, region: String, creationDate: Date,
        encryptionKeyArn: String? = nil, encryptionKeyType: KeyType? = nil,
        encryptionKeyAlias: String? = nil, lock: LockConfiguration? = nil
    ) {
        self.name = name
        self.arn = arn
        self.accountId = accountId
        self.region = region
        self.creationDate = creationDate
        self.encryptionKeyArn = encryptionKeyArn
        self.encryptionKeyType = encryptionKeyType
        self.encryptionKeyAlias = encryptionKeyAlias
        self.lock = lock
    }

    public func lockState(at now: Date) -> LockState { LockState(lock, now: now) }
}
