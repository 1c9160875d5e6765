import Foundation
import VaultCore

/// AWS Backup's answers as vaultwatch's records. Anything an answer leaves out that a record needs
/// is an error naming the member, never a guess (except what AWS documents as optional).
enum BackupMapping {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// `arn:aws:backup:us-east-1:111122223333:backup-vault:WORM_vault` → its account and region.
    static func place(ofVaultArn arn: String) -> (accountId: String, region: String)? {
        guard let parsed = ARN(arn), !parsed.account.isEmpty, !parsed.region.isEmpty else { return nil }
        return (parsed.account, parsed.region)
    }

    static func vault(_ w: BackupWire.Vault, accountId: String, region: String) throws -> Vault {
        guard let created = w.CreationDate else { throw Missing(description: "vault \(w.BackupVaultName) has no CreationDate") }
        let place = place(ofVaultArn: w.BackupVaultArn) ?? (accountId, region)
        let locked = w.Locked == true || w.VaultType == Vault.VaultType.logicallyAirGapped.rawValue
        var vault = Vault(
            name: w.BackupVaultName, arn: w.BackupVaultArn, accountId: place.accountId, region: place.region,
            creationDate: created, encryptionKeyArn: w.EncryptionKeyArn,
            encryptionKeyType: w.EncryptionKeyType.flatMap(Vault.KeyType.init(rawValue:)),
            lock: locked
                ? LockConfiguration(minRetentionDays: w.MinRetentionDays, maxRetentionDays: w.MaxRetentionDays, lockDate: w.LockDate)
                : nil)
        vault.vaultType = w.VaultType.flatMap(Vault.VaultType.init(rawValue:))
        vault.vaultState = w.VaultState.flatMap(Vault.VaultState.init(rawValue:))
        vault.reportedRecoveryPoints = w.NumberOfRecoveryPoints
        return vault
    }

    static func lifecycle(_ w: BackupWire.Lifecycle?) -> Lifecycle {
        Lifecycle(moveToColdStorageAfterDays: w?.MoveToColdStorageAfterDays, deleteAfterDays: w?.DeleteAfterDays)
    }

    /// A point of `vault` as listed. The listing has no storage class: a point is cold once its
    /// calculated move-to-cold date has passed.
    static func point(_ w: BackupWire.RecoveryPoint, in vault: Vault, now: Date) throws -> RecoveryPoint {
        guard let created = w.CreationDate else {
            throw Missing(description: "recovery point \(w.RecoveryPointArn) has no CreationDate")
        }
        let status = w.Status.flatMap(RecoveryPoint.Status.init(rawValue:)) ?? .completed
        let cold = w.CalculatedLifecycle?.MoveToColdStorageAt.map { $0 <= now } ?? false
        return RecoveryPoint(
            arn: w.RecoveryPointArn, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: w.ResourceArn ?? "", resourceType: w.ResourceType ?? "", resourceName: w.ResourceName,
            status: status, creationDate: created, completionDate: w.CompletionDate, sizeBytes: w.BackupSizeInBytes ?? 0,
            lifecycle: lifecycle(w.Lifecycle), storageClass: cold ? .cold : .warm, isEncrypted: w.IsEncrypted ?? false,
            iamRoleArn: w.IamRoleArn)
    }

    static func state(_ text: String?) -> BackupJob.State {
        text.flatMap(BackupJob.State.init(rawValue:)) ?? .running
    }

    /// A backup job into one of `vaults` (by ARN); nil for a job into another vault.
    static func job(_ w: BackupWire.BackupJob, vaults: [String: Vault]) -> BackupJob? {
        guard let arn = w.BackupVaultArn, let vault = vaults[arn], let created = w.CreationDate else { return nil }
        return BackupJob(
            id: w.BackupJobId, kind: .backup, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: w.ResourceArn ?? "", resourceType: w.ResourceType ?? "", lifecycle: lifecycle(w.RecoveryPointLifecycle),
            state: state(w.State), statusMessage: w.StatusMessage, creationDate: created, recoveryPointArn: w.RecoveryPointArn)
    }

    /// A copy job into one of `vaults` (the destination); nil for a copy elsewhere.
    static func job(_ w: BackupWire.CopyJob, vaults: [String: Vault]) -> BackupJob? {
        guard let arn = w.DestinationBackupVaultArn, let vault = vaults[arn], let created = w.CreationDate else { return nil }
        return BackupJob(
            id: w.CopyJobId, kind: .copy, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: w.ResourceArn ?? "", resourceType: w.ResourceType ?? "",
            lifecycle: lifecycle(w.DestinationRecoveryPointLifecycle), state: state(w.State), statusMessage: w.StatusMessage,
            creationDate: created, recoveryPointArn: w.DestinationRecoveryPointArn)
    }
}
