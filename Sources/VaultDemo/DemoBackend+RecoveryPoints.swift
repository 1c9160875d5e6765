import Foundation
import VaultCore

extension DemoBackend {
    /// `ListRecoveryPointsByBackupVault`, in arrival order.
    public func listRecoveryPointsByBackupVault(
        backupVaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[RecoveryPoint], BackupServiceError> {
        perform(
            "ListRecoveryPointsByBackupVault", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            try requireVault(backupVaultName).points
        }
    }

    /// `DeleteRecoveryPoint`, answering the deleted point. A locked vault refuses it for every
    /// principal, root and the vault admins included, until the point expires.
    public func deleteRecoveryPoint(
        backupVaultName: String, recoveryPointArn: String,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<RecoveryPoint, BackupServiceError> {
        perform(
            "DeleteRecoveryPoint", by: principal, from: origin, at: now, vault: backupVaultName,
            point: recoveryPointArn
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            let point = try requirePoint(recoveryPointArn, in: holding)
            let verdict = VaultLockRules.deleteRecoveryPoint(point, in: holding.vault, by: principal, at: now)
            guard verdict.isAllowed else { throw .invalidRequest(verdict.reason) }
            holding.remove(arn: recoveryPointArn)
            holdings[backupVaultName] = holding
            emit(.recoveryPointRemoved(arn: recoveryPointArn, vault: key(backupVaultName), at: now))
            return point
        }
    }

    /// `UpdateRecoveryPointLifecycle`, answering the updated point. A locked vault refuses any
    /// change of retention or cold storage.
    public func updateRecoveryPointLifecycle(
        backupVaultName: String, recoveryPointArn: String, lifecycle: Lifecycle,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<RecoveryPoint, BackupServiceError> {
        perform(
            "UpdateRecoveryPointLifecycle", by: principal, from: origin, at: now, vault: backupVaultName,
            point: recoveryPointArn
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            var point = try requirePoint(recoveryPointArn, in: holding)
            let verdict = VaultLockRules.updateLifecycle(point, to: lifecycle, in: holding.vault, at: now)
            guard verdict.isAllowed else { throw .invalidRequest(verdict.reason) }
            point.lifecycle = lifecycle
            holding.put(point)
            holdings[backupVaultName] = holding
            emit(.recoveryPoint(point))
            return point
        }
    }
}
