import Foundation
import VaultCore

extension DemoBackend {
    /// `StartBackupJob`. The call succeeds once the vault and resource are known and the
    /// lifecycle is valid; the job then completes with a new recovery point, or fails with the
    /// Vault Lock's reason as its status message (as the seeds' 1-day and 35-day backups do) —
    /// at once, or after `jobDuration`. The same `idempotencyToken` answers the same job.
    public func startBackupJob(
        backupVaultName: String, resourceArn: String, iamRoleArn: String, lifecycle: Lifecycle,
        idempotencyToken: String? = nil, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<BackupJob, BackupServiceError> {
        perform(
            "StartBackupJob", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            if let job = repeated(idempotencyToken) { return job.job }
            let holding = try requireVault(backupVaultName)
            guard let resource = resources[resourceArn] ?? ProtectedResource(inferringFrom: resourceArn) else {
                throw .invalidParameterValue("Invalid ARN or unsupported resource type: \(resourceArn).")
            }
            try requireValid(lifecycle)
            return admit(
                .backup, of: resource, sizeBytes: backupSize(of: resource, at: now), lifecycle: lifecycle,
                into: holding.vault, iamRoleArn: iamRoleArn, token: idempotencyToken, at: now
            ).job
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
            let sourceVault = ARN(source.recoveryPointArn).map {
                "arn:aws:backup:\($0.region):\($0.account):backup-vault:Default"
            }
            return admit(
                .copy, of: source.resource, sizeBytes: source.sizeBytes, lifecycle: lifecycle, into: holding.vault,
                iamRoleArn: iamRoleArn, from: (source.recoveryPointArn, sourceVault), at: now
            ).job
        }
    }

    /// `StartCopyJob` from a vault of this account, answering the `CopyJobId`. Copying out of a
    /// guarded vault is a sensitive action (it can exfiltrate backups). When the destination is
    /// a vault of this account, the copy lands there by the Vault Lock rules; a destination in
    /// another account leaves nothing here but the job. Without a lifecycle the copy keeps the
    /// source point's.
    public func startCopyJob(
        recoveryPointArn: String, sourceBackupVaultName: String, destinationBackupVaultArn: String,
        iamRoleArn: String, lifecycle: Lifecycle? = nil, idempotencyToken: String? = nil,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<String, BackupServiceError> {
        perform(
            "StartCopyJob", by: principal, from: origin, at: now, vault: sourceBackupVaultName, point: recoveryPointArn
        ) { () throws(BackupServiceError) in
            if let job = repeated(idempotencyToken) { return job.id }
            let source = try requireVault(sourceBackupVaultName)
            let point = try requirePoint(recoveryPointArn, in: source)
            guard let destination = ARN(destinationBackupVaultArn), destination.service == "backup",
                destination.resource.hasPrefix("backup-vault:")
            else {
                throw .invalidParameterValue("Invalid destination backup vault ARN: \(destinationBackupVaultArn).")
            }
            let kept = lifecycle ?? point.lifecycle
            try requireValid(kept)
            let destinationName = String(destination.resource.dropFirst("backup-vault:".count))
            let resource = ProtectedResource(
                arn: point.resourceArn, type: point.resourceType,
                name: point.resourceName ?? ARN(point.resourceArn)?.shortName ?? point.resourceArn,
                sizeBytes: point.sizeBytes)
            let sourcePoint = (recoveryPointArn, Optional(source.vault.arn))
            guard destination.account == accountId, destination.region == region else {
                let job = BackupJob(
                    id: newJobId("copy-job", key: nextKey(at: now), recoveryPointArn, destinationBackupVaultArn),
                    kind: .copy, vaultName: destinationName, accountId: destination.account,
                    region: destination.region, resourceArn: resource.arn, resourceType: resource.type, lifecycle: kept,
                    state: .completed, creationDate: now)
                remember(
                    DemoJob(
                        job: job, iamRoleArn: iamRoleArn, sizeBytes: point.sizeBytes, resourceName: resource.name,
                        destinationVaultArn: destinationBackupVaultArn, sourceRecoveryPointArn: recoveryPointArn,
                        sourceBackupVaultArn: source.vault.arn, completionDate: now),
                    token: idempotencyToken)
                return job.id
            }
            let target = try requireVault(destinationName)
            return admit(
                .copy, of: resource, sizeBytes: point.sizeBytes, lifecycle: kept, into: target.vault,
                iamRoleArn: iamRoleArn, from: sourcePoint, token: idempotencyToken, at: now
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

    /// A backup or copy job into `vault`. With no `jobDuration` it is judged at once by
    /// `VaultLockRules.admitJob`: completed with its new recovery point, or failed with the rule's
    /// reason. Otherwise it runs until `settle(at:)` reaches `now + jobDuration`.
    func admit(
        _ kind: JobKind, of resource: ProtectedResource, sizeBytes: Int64, lifecycle: Lifecycle, into vault: Vault,
        iamRoleArn: String, from source: (point: String, vault: String?)? = nil, token: String? = nil, at now: Date
    ) -> DemoJob {
        let key = nextKey(at: now)
        let job = BackupJob(
            id: newJobId(kind.rawValue, key: key, vault.name, resource.arn), kind: kind, vaultName: vault.name,
            accountId: vault.accountId, region: vault.region, resourceArn: resource.arn, resourceType: resource.type,
            lifecycle: lifecycle, state: .running, creationDate: now)
        var entry = DemoJob(
            job: job, iamRoleArn: iamRoleArn, sizeBytes: sizeBytes, resourceName: resource.name,
            destinationVaultArn: vault.arn, sourceRecoveryPointArn: source?.point, sourceBackupVaultArn: source?.vault,
            plannedRecoveryPointArn: newRecoveryPointArn(for: resource, kind: kind, key: key),
            settlesAt: now + jobDurationHeld)
        guard jobDurationHeld > 0 else {
            entry = complete(entry, at: now)
            remember(entry, token: token)
            return entry
        }
        remember(entry, token: token)
        pendingJobIds.append(entry.id)
        emit(.job(entry.job))
        return entry
    }

    /// Settles every running job whose time has come, in the order they started: each is judged
    /// by the vault as it is when the job ends.
    public func settle(at now: Date) {
        exclusively {
            guard !pendingJobIds.isEmpty else { return }
            var still: [String] = []
            for id in pendingJobIds {
                guard let entry = jobs[id], let due = entry.settlesAt else { continue }
                if due <= now {
                    remember(complete(entry, at: due), token: nil)
                } else {
                    still.append(id)
                }
            }
            pendingJobIds = still
        }
    }

    /// A job ending at `now`: failed when its vault is gone or its lock refuses the lifecycle,
    /// else completed with its recovery point.
    private func complete(_ pending: DemoJob, at now: Date) -> DemoJob {
        var entry = pending
        entry.settlesAt = nil
        entry.completionDate = now
        guard let vault = holdings[entry.job.vaultName]?.vault, vault.arn == entry.destinationVaultArn else {
            entry.job.state = .failed
            entry.job.statusMessage = "Backup vault \(entry.job.vaultName) no longer exists."
            emit(.job(entry.job))
            return entry
        }
        let verdict = VaultLockRules.admitJob(entry.job.kind, lifecycle: entry.job.lifecycle, into: vault, at: now)
        guard verdict.isAllowed, let arn = entry.plannedRecoveryPointArn else {
            entry.job.state = .failed
            entry.job.statusMessage = verdict.reason
            emit(.job(entry.job))
            return entry
        }
        let point = RecoveryPoint(
            arn: arn, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: entry.job.resourceArn, resourceType: entry.job.resourceType, resourceName: entry.resourceName,
            status: .completed, creationDate: entry.job.creationDate, completionDate: now, sizeBytes: entry.sizeBytes,
            lifecycle: entry.job.lifecycle, storageClass: .warm, isEncrypted: true, iamRoleArn: entry.iamRoleArn)
        holdings[vault.name]?.put(point)
        emit(.recoveryPoint(point))
        entry.job.state = .completed
        entry.job.recoveryPointArn = point.arn
        emit(.job(entry.job))
        return entry
    }

    /// The job an idempotency token already started, if any.
    private func repeated(_ token: String?) -> DemoJob? {
        guard let token, let id = jobsByToken[token] else { return nil }
        return jobs[id]
    }

    private func remember(_ entry: DemoJob, token: String?) {
        if jobs[entry.id] == nil { jobOrder.append(entry.id) }
        jobs[entry.id] = entry
        if let token { jobsByToken[token] = entry.id }
    }
}
