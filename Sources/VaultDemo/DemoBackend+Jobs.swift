import Foundation
import VaultCore

extension DemoBackend {
    /// `StartBackupJob`. The call succeeds once the vault and resource are known and the
    /// lifecycle is valid; the job then completes with a new recovery point, or fails with the
    /// Vault Lock's reason as its status message (as the seeds' 1-day and 35-day backups do).
    public func startBackupJob(
        backupVaultName: String, resourceArn: String, iamRoleArn: String, lifecycle: Lifecycle,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<BackupJob, BackupServiceError> {
        perform(
            "StartBackupJob", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            let holding = try requireVault(backupVaultName)
            guard let resource = resources[resourceArn] ?? ProtectedResource(inferringFrom: resourceArn) else {
                throw .invalidParameterValue("Invalid ARN or unsupported resource type: \(resourceArn).")
            }
            try requireValid(lifecycle)
            return admit(
                .backup, of: resource, sizeBytes: backupSize(of: resource, at: now), lifecycle: lifecycle,
                into: holding.vault, iamRoleArn: iamRoleArn, at: now)
        }
    }

    /// A copy a member account's backup plan sends into a vault of this account. The member
    /// calls `StartCopyJob` in its own account; this account's CloudTrail sees
    /// `CopyIntoBackupVault`, which the vault access policy allows the organisation. The copy
    /// job completes or fails by the same Vault Lock rules as a backup job.
    public func copyIntoBackupVault(
        _ source: CopySource, backupVaultName: String, lifecycle: Lifecycle, iamRoleArn: String,
        by principal: Principal, from origin: CallOrigin = .backupService, at now: Date
    ) -> Result<BackupJob, BackupServiceError> {
        perform(
            "CopyIntoBackupVault", by: principal, from: origin, at: now, vault: backupVaultName,
            point: source.recoveryPointArn
        ) { () throws(BackupServiceError) in
            let holding = try requireVault(backupVaultName)
            try requireValid(lifecycle)
            return admit(
                .copy, of: source.resource, sizeBytes: source.sizeBytes, lifecycle: lifecycle, into: holding.vault,
                iamRoleArn: iamRoleArn, at: now)
        }
    }

    /// `StartCopyJob` from a vault of this account, answering the `CopyJobId`. Copying out of a
    /// guarded vault is a sensitive action (it can exfiltrate backups). When the destination is
    /// a vault of this account, the copy lands there by the Vault Lock rules; a destination in
    /// another account leaves nothing here but the call. Without a lifecycle the copy keeps the
    /// source point's.
    public func startCopyJob(
        recoveryPointArn: String, sourceBackupVaultName: String, destinationBackupVaultArn: String,
        iamRoleArn: String, lifecycle: Lifecycle? = nil,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<String, BackupServiceError> {
        perform(
            "StartCopyJob", by: principal, from: origin, at: now, vault: sourceBackupVaultName, point: recoveryPointArn
        ) { () throws(BackupServiceError) in
            let source = try requireVault(sourceBackupVaultName)
            let point = try requirePoint(recoveryPointArn, in: source)
            guard let destination = ARN(destinationBackupVaultArn), destination.service == "backup",
                destination.resource.hasPrefix("backup-vault:")
            else {
                throw .invalidParameterValue("Invalid destination backup vault ARN: \(destinationBackupVaultArn).")
            }
            let kept = lifecycle ?? point.lifecycle
            try requireValid(kept)
            guard destination.account == accountId, destination.region == region else {
                return newJobId("copy-job", key: nextKey(at: now), recoveryPointArn, destinationBackupVaultArn)
            }
            let target = try requireVault(String(destination.resource.dropFirst("backup-vault:".count)))
            let resource = ProtectedResource(
                arn: point.resourceArn, type: point.resourceType,
                name: point.resourceName ?? ARN(point.resourceArn)?.shortName ?? point.resourceArn,
                sizeBytes: point.sizeBytes)
            return admit(
                .copy, of: resource, sizeBytes: point.sizeBytes, lifecycle: kept, into: target.vault,
                iamRoleArn: iamRoleArn, at: now
            ).id
        }
    }

    /// `StartRestoreJob`, answering the `RestoreJobId`. Vault Lock never stops a restore; the
    /// guardrail may (restoring is how data leaves a vault).
    public func startRestoreJob(
        recoveryPointArn: String, iamRoleArn: String,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<String, BackupServiceError> {
        let vaultName = vaultName(holding: recoveryPointArn)
        return perform(
            "StartRestoreJob", by: principal, from: origin, at: now, vault: vaultName, point: recoveryPointArn
        ) {
            () throws(BackupServiceError) in
            guard vaultName != nil else {
                throw .resourceNotFound("Recovery point \(recoveryPointArn) does not exist.")
            }
            return newJobId("restore-job", key: nextKey(at: now), recoveryPointArn)
        }
    }

    /// A backup or copy job into `vault`, judged by `VaultLockRules.admitJob`: a completed job
    /// with its new recovery point, or a failed one carrying the rule's reason.
    func admit(
        _ kind: JobKind, of resource: ProtectedResource, sizeBytes: Int64, lifecycle: Lifecycle, into vault: Vault,
        iamRoleArn: String, at now: Date
    ) -> BackupJob {
        let key = nextKey(at: now)
        var job = BackupJob(
            id: newJobId(kind.rawValue, key: key, vault.name, resource.arn), kind: kind, vaultName: vault.name,
            accountId: vault.accountId, region: vault.region, resourceArn: resource.arn, resourceType: resource.type, lifecycle: lifecycle, state: .failed,
            creationDate: now)
        let verdict = VaultLockRules.admitJob(kind, lifecycle: lifecycle, into: vault, at: now)
        guard verdict.isAllowed else {
            job.statusMessage = verdict.reason
            emit(.job(job))
            return job
        }
        let point = RecoveryPoint(
            arn: newRecoveryPointArn(for: resource, kind: kind, key: key), vaultName: vault.name,
            accountId: vault.accountId, region: vault.region, resourceArn: resource.arn, resourceType: resource.type, resourceName: resource.name, status: .completed,
            creationDate: now, completionDate: now, sizeBytes: sizeBytes, lifecycle: lifecycle, storageClass: .warm,
            isEncrypted: true, iamRoleArn: iamRoleArn)
        holdings[vault.name]?.put(point)
        emit(.recoveryPoint(point))
        job.state = .completed
        job.recoveryPointArn = point.arn
        emit(.job(job))
        return job
    }
}
