import Foundation
import VaultCore

/// A sensitive action someone tries on a vault: what the seeds' SCP denies to all but the vault
/// admins and their EventBridge rule reports. `pick` chooses the target point when it runs, so
/// the target is one the vault holds at that moment.
struct DemoAttempt: Sendable {
    var action: String
    var principal: Principal
    var vault: String
    var pick: UInt64

    /// The actions tried on guarded vaults.
    static let guardedActions = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "StartRestoreJob", "StartCopyJob",
        "PutBackupVaultAccessPolicy", "DeleteBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration",
        "DeleteBackupVaultLockConfiguration", "DeleteBackupVault", "DeleteBackupVaultNotifications",
    ]
    /// The actions tried on the unguarded scratch vault (none that would remove the vault).
    static let scratchActions = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "StartRestoreJob", "StartCopyJob",
        "PutBackupVaultAccessPolicy",
    ]

    /// A policy that opens the vault to everyone.
    static let openPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:*","Resource":"*"}]}"#

    func act(at time: Date) -> DemoAct {
        let attempt = self
        return DemoAct(time: time) { backend, now in attempt.perform(on: backend, at: now) }
    }

    func perform(on backend: DemoBackend, at now: Date) {
        let origin = DemoCast.origin(of: principal)
        let points = backend.points(in: vault)
        let point = points.isEmpty ? nil : points[Int(pick % UInt64(points.count))]
        let restoreRole = "arn:aws:iam::\(principal.accountId):role/restore-anywhere"
        switch (action, point) {
        case ("DeleteRecoveryPoint", let point?):
            _ = backend.deleteRecoveryPoint(
                backupVaultName: vault, recoveryPointArn: point.arn, by: principal, from: origin, at: now)
        case ("UpdateRecoveryPointLifecycle", let point?):
            _ = backend.updateRecoveryPointLifecycle(
                backupVaultName: vault, recoveryPointArn: point.arn, lifecycle: Lifecycle(deleteAfterDays: 1),
                by: principal, from: origin, at: now)
        case ("StartRestoreJob", let point?):
            _ = backend.startRestoreJob(
                recoveryPointArn: point.arn, iamRoleArn: restoreRole, by: principal, from: origin, at: now)
        case ("StartCopyJob", let point?):
            _ = backend.startCopyJob(
                recoveryPointArn: point.arn, sourceBackupVaultName: vault,
                destinationBackupVaultArn: DemoCast.intruderVaultArn,
                iamRoleArn: restoreRole, by: principal, from: origin, at: now)
        case ("DeleteBackupVaultAccessPolicy", _):
            _ = backend.deleteBackupVaultAccessPolicy(backupVaultName: vault, by: principal, from: origin, at: now)
        case ("PutBackupVaultLockConfiguration", _):
            _ = backend.putBackupVaultLockConfiguration(
                vaultName: vault, minRetentionDays: 1, maxRetentionDays: 1, by: principal, from: origin, at: now)
        case ("DeleteBackupVaultLockConfiguration", _):
            _ = backend.deleteBackupVaultLockConfiguration(vaultName: vault, by: principal, from: origin, at: now)
        case ("DeleteBackupVault", _):
            _ = backend.deleteBackupVault(named: vault, by: principal, from: origin, at: now)
        case ("DeleteBackupVaultNotifications", _):
            _ = backend.deleteBackupVaultNotifications(backupVaultName: vault, by: principal, from: origin, at: now)
        default:
            // PutBackupVaultAccessPolicy, and any point action on an empty vault.
            _ = backend.putBackupVaultAccessPolicy(
                backupVaultName: vault, policy: Self.openPolicy, by: principal, from: origin, at: now)
        }
    }
}
