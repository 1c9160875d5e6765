import Foundation

/// A backup vault in the central backup account, as `DescribeBackupVault` reports it.
public struct Vault: Codable, Equatable, Sendable, Identifiable {
    public enum KeyType: String, Codable, Sendable {
        case awsOwned = "AWS_OWNED_KMS_KEY"
        case customerManaged = "CUSTOMER_MANAGED_KMS_KEY"
    }

    /// `VaultType`: a standard vault, a logically air-gapped one (locked in compliance mode by
    /// construction, shareable through AWS RAM), or a restore-access vault (read-only access to
    /// a logically air-gapped vault's points; not a protection target).
    public enum VaultType: String, Codable, Sendable {
        case backup = "BACKUP_VAULT"
        case logicallyAirGapped = "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"
        case restoreAccess = "RESTORE_ACCESS_BACKUP_VAULT"
    }

    /// `VaultState` (logically air-gapped vaults are created asynchronously).
    public enum VaultState: String, Codable, Sendable {
        case creating = "CREATING", available = "AVAILABLE", failed = "FAILED"
    }

    /// `GetBackupVaultNotifications`: where the vault's events go.
    public struct Notifications: Codable, Equatable, Sendable {
        public var snsTopicArn: String
        public var events: [String]

        public init(snsTopicArn: String, events: [String]) {
            self.snsTopicArn = snsTopicArn
            self.events = events
        }
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
    /// Nil in records from before sources read it (a standard vault).
    public var vaultType: VaultType?
    public var vaultState: VaultState?
    /// Nil when none is configured, or not read.
    public var notifications: Notifications?
    /// `NumberOfRecoveryPoints` as the service reports it ("can be an approximation").
    public var reportedRecoveryPoints: Int?

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

    /// A logically air-gapped vault is locked in compliance mode from its creation, whatever
    /// `LockDate` says: its lock cannot be changed or removed.
    public func lockState(at now: Date) -> LockState {
        if vaultType == .logicallyAirGapped { return .complianceLocked(since: lock?.lockDate ?? creationDate) }
        return LockState(lock, now: now)
    }

    public var isLogicallyAirGapped: Bool { vaultType == .logicallyAirGapped }
}
