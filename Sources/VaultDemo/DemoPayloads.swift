import Foundation
import VaultCore

/// What `DescribeBackupVault` and `ListBackupVaults` answer for one vault.
public struct BackupVaultDescription: Equatable, Sendable {
    public var vault: Vault
    public var numberOfRecoveryPoints: Int
    public var creatorRequestId: String?
    /// `Locked`: true while any lock configuration is in place (governance or compliance).
    public var locked: Bool

    public init(vault: Vault, numberOfRecoveryPoints: Int, creatorRequestId: String?, locked: Bool) {
        self.vault = vault
        self.numberOfRecoveryPoints = numberOfRecoveryPoints
        self.creatorRequestId = creatorRequestId
        self.locked = locked
    }

    public var minRetentionDays: Int? { vault.lock?.minRetentionDays }
    public var maxRetentionDays: Int? { vault.lock?.maxRetentionDays }
    /// Absent in governance mode and without a lock.
    public var lockDate: Date? { vault.lock?.lockDate }
}

/// A recovery point in a member account that its backup plan copies into a vault of this account.
public struct CopySource: Equatable, Sendable {
    /// The point in the member account's vault.
    public var recoveryPointArn: String
    public var resource: ProtectedResource
    public var sizeBytes: Int64

    public init(recoveryPointArn: String, resource: ProtectedResource, sizeBytes: Int64) {
        self.recoveryPointArn = recoveryPointArn
        self.resource = resource
        self.sizeBytes = sizeBytes
    }
}
