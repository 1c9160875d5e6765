import Foundation
import VaultCore
import VaultDemo

/// The AWS Backup response structures, member for member as botocore's model names and types them
/// (`service-2.json`, backup 2018-11-15); members the simulated service has no value for are left
/// out, as AWS leaves out what is unset.
enum BackupShapes {
    /// `BackupVaultListMember`, and the common part of `DescribeBackupVaultOutput`.
    static func vault(_ description: BackupVaultDescription) -> JSONWriter {
        let vault = description.vault
        var out = JSONWriter()
        out.add("BackupVaultName", vault.name)
        out.add("BackupVaultArn", vault.arn)
        out.add("VaultType", "BACKUP_VAULT")
        out.add("VaultState", "AVAILABLE")
        out.add("CreationDate", date: vault.creationDate)
        out.add("EncryptionKeyArn", vault.encryptionKeyArn ?? awsOwnedKeyArn(vault))
        out.add("CreatorRequestId", description.creatorRequestId)
        out.add("NumberOfRecoveryPoints", description.numberOfRecoveryPoints)
        out.add("Locked", description.locked)
        out.add("MinRetentionDays", description.minRetentionDays)
        out.add("MaxRetentionDays", description.maxRetentionDays)
        out.add("LockDate", date: vault.lock?.lockDate)
        out.add("EncryptionKeyType", (vault.encryptionKeyType ?? .awsOwned).rawValue)
        return out
    }

    /// AWS names an AWS owned key by an ARN in an AWS account of its own.
    static func awsOwnedKeyArn(_ vault: Vault) -> String {
        "arn:aws:kms:\(vault.region):aws:key/aws-backup-\(vault.accountId)"
    }

    static func lifecycle(_ lifecycle: Lifecycle) -> JSONWriter {
        var out = JSONWriter()
        out.add("MoveToColdStorageAfterDays", lifecycle.moveToColdStorageAfterDays)
        out.add("DeleteAfterDays", lifecycle.deleteAfterDays)
        return out
    }

    static func calculatedLifecycle(_ point: RecoveryPoint) -> JSONWriter? {
        guard point.deleteAt != nil || point.moveToColdStorageAt != nil else { return nil }
        var out = JSONWriter()
        out.add("MoveToColdStorageAt", date: point.moveToColdStorageAt)
        out.add("DeleteAt", date: point.deleteAt)
        return out
    }

    /// `RecoveryPointByBackupVault`; with `described`, the members `DescribeRecoveryPointOutput`
    /// adds (`StorageClass`).
    static func recoveryPoint(_ point: RecoveryPoint, in vault: Vault, described: Bool = false) -> JSONWriter {
        var out = JSONWriter()
        writeRecoveryPoint(point, of: VaultFacts(vault), described: described, into: &out)
        return out
    }

    /// What every point of one vault repeats, worked out once a page.
    struct VaultFacts {
        let name: String
        let arn: String
        let keyArn: String
        let keyType: String

        init(_ vault: Vault) {
            name = vault.name
            arn = vault.arn
            keyArn = vault.encryptionKeyArn ?? BackupShapes.awsOwnedKeyArn(vault)
            keyType = (vault.encryptionKeyType ?? .awsOwned).rawValue
        }
    }

    /// One recovery point's members, written in place (a page of them is one buffer).
    static func writeRecoveryPoint(_ point: RecoveryPoint, of vault: VaultFacts, described: Bool, into out: inout JSONWriter) {
        out.add("RecoveryPointArn", point.arn)
        out.add("BackupVaultName", vault.name)
        out.add("BackupVaultArn", vault.arn)
        out.add("ResourceArn", point.resourceArn)
        out.add("ResourceType", point.resourceType)
        out.add("IamRoleArn", point.iamRoleArn)
        out.add("Status", point.status.rawValue)
        out.add("CreationDate", date: point.creationDate)
        out.add("CompletionDate", date: point.completionDate)
        out.add("BackupSizeInBytes", point.sizeBytes)
        let deleteAt = point.deleteAt
        let coldAt = point.moveToColdStorageAt
        if deleteAt != nil || coldAt != nil {
            out.add("CalculatedLifecycle") { calculated in
                calculated.add("MoveToColdStorageAt", date: coldAt)
                calculated.add("DeleteAt", date: deleteAt)
            }
        }
        out.add("Lifecycle") { lifecycle in
            lifecycle.add("MoveToColdStorageAfterDays", point.lifecycle.moveToColdStorageAfterDays)
            lifecycle.add("DeleteAfterDays", point.lifecycle.deleteAfterDays)
        }
        out.add("EncryptionKeyArn", vault.keyArn)
        out.add("IsEncrypted", point.isEncrypted)
        if described { out.add("StorageClass", point.storageClass.rawValue) }
        out.add("IsParent", false)
        out.add("ResourceName", point.resourceName)
        out.add("VaultType", "BACKUP_VAULT")
        out.add("EncryptionKeyType", vault.keyType)
    }

    /// `BackupJob` (ListBackupJobs) and `DescribeBackupJobOutput`.
    static func backupJob(_ entry: DemoJob, vault: Vault?) -> JSONWriter {
        let job = entry.job
        var out = JSONWriter()
        out.add("AccountId", job.accountId)
        out.add("BackupJobId", job.id)
        out.add("BackupVaultName", job.vaultName)
        out.add("BackupVaultArn", entry.destinationVaultArn)
        out.add("VaultType", "BACKUP_VAULT")
        out.add("VaultLockState", vault.map { lockState($0, at: job.creationDate) })
        out.add("RecoveryPointArn", job.state == .failed ? nil : entry.plannedRecoveryPointArn)
        out.add("RecoveryPointLifecycle", object: lifecycle(job.lifecycle))
        out.add("EncryptionKeyArn", vault.map { $0.encryptionKeyArn ?? awsOwnedKeyArn($0) })
        out.add("IsEncrypted", true)
        out.add("ResourceArn", job.resourceArn)
        out.add("CreationDate", date: job.creationDate)
        out.add("CompletionDate", date: entry.completionDate)
        out.add("State", job.state.rawValue)
        out.add("StatusMessage", job.statusMessage)
        out.add("PercentDone", job.state == .running ? "0.0" : "100.0")
        out.add("BackupSizeInBytes", job.state == .completed ? entry.sizeBytes : nil)
        out.add("IamRoleArn", entry.iamRoleArn)
        out.add("ExpectedCompletionDate", date: entry.settlesAt)
        out.add("ResourceType", job.resourceType)
        out.add("BackupType", "FULL")
        out.add("IsParent", false)
        out.add("ResourceName", entry.resourceName)
        out.add("InitiationDate", date: job.creationDate)
        out.add("MessageCategory", messageCategory(job))
        return out
    }

    /// `CopyJob` (ListCopyJobs, DescribeCopyJob).
    static func copyJob(_ entry: DemoJob, vault: Vault?) -> JSONWriter {
        let job = entry.job
        var out = JSONWriter()
        out.add("AccountId", job.accountId)
        out.add("CopyJobId", job.id)
        out.add("SourceBackupVaultArn", entry.sourceBackupVaultArn)
        out.add("SourceRecoveryPointArn", entry.sourceRecoveryPointArn)
        out.add("DestinationBackupVaultArn", entry.destinationVaultArn)
        out.add("DestinationVaultType", "BACKUP_VAULT")
        out.add("DestinationVaultLockState", vault.map { lockState($0, at: job.creationDate) })
        out.add("DestinationRecoveryPointArn", job.recoveryPointArn)
        out.add("DestinationEncryptionKeyArn", vault.map { $0.encryptionKeyArn ?? awsOwnedKeyArn($0) })
        out.add("DestinationRecoveryPointLifecycle", object: lifecycle(job.lifecycle))
        out.add("ResourceArn", job.resourceArn)
        out.add("CreationDate", date: job.creationDate)
        out.add("CompletionDate", date: entry.completionDate)
        out.add("State", job.state.rawValue)
        out.add("StatusMessage", job.statusMessage)
        out.add("BackupSizeInBytes", entry.sizeBytes)
        out.add("IamRoleArn", entry.iamRoleArn)
        out.add("ResourceType", job.resourceType)
        out.add("IsParent", false)
        out.add("ResourceName", entry.resourceName)
        out.add("MessageCategory", messageCategory(job))
        return out
    }

    /// `VaultLockState` as the model documents it: LOCKED once a compliance lock is past its date.
    static func lockState(_ vault: Vault, at date: Date) -> String {
        if case .complianceLocked = vault.lockState(at: date) { return "LOCKED" }
        return "UNLOCKED"
    }

    static func messageCategory(_ job: BackupJob) -> String? {
        switch job.state {
        case .completed: return "SUCCESS"
        case .failed: return "INVALIDPARAMETERS"
        case .aborted, .expired, .partial: return job.state.rawValue
        case .created, .pending, .running, .aborting: return nil
        }
    }

    /// `ProtectedResource`.
    static func protectedResource(_ resource: ProtectedResourceSummary) -> JSONWriter {
        var out = JSONWriter()
        out.add("ResourceArn", resource.resourceArn)
        out.add("ResourceType", resource.resourceType)
        out.add("LastBackupTime", date: resource.lastBackupTime)
        out.add("ResourceName", resource.resourceName)
        out.add("LastBackupVaultArn", resource.lastBackupVaultArn)
        out.add("LastRecoveryPointArn", resource.lastRecoveryPointArn)
        return out
    }

    /// `BackupPlansListMember`.
    static func planListMember(_ plan: DemoBackupPlan) -> JSONWriter {
        var out = JSONWriter()
        out.add("BackupPlanArn", plan.arn)
        out.add("BackupPlanId", plan.id)
        out.add("CreationDate", date: plan.creationDate)
        out.add("VersionId", plan.versionId)
        out.add("BackupPlanName", plan.name)
        out.add("CreatorRequestId", plan.creatorRequestId)
        return out
    }
}
