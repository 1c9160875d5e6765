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
        return DemoAct(time: time) { backend, caller, now in
            caller.make(attempt.call(in: backend), by: attempt.principal, from: DemoCast.origin(of: attempt.principal), at: now)
        }
    }

    /// The call the attempt makes, on a point the vault holds now.
    func call(in backend: DemoBackend) -> DemoCall {
        let points = backend.points(in: vault)
        let point = points.isEmpty ? nil : points[Int(pick % UInt64(points.count))]
        let restoreRole = "arn:aws:iam::\(principal.accountId):role/restore-anywhere"
        switch (action, point) {
        case ("DeleteRecoveryPoint", let point?):
            return .deleteRecoveryPoint(vault: vault, arn: point.arn)
        case ("UpdateRecoveryPointLifecycle", let point?):
            return .updateRecoveryPointLifecycle(vault: vault, arn: point.arn, lifecycle: Lifecycle(deleteAfterDays: 1))
        case ("StartRestoreJob", let point?):
            return .startRestoreJob(arn: point.arn, iamRoleArn: restoreRole)
        case ("StartCopyJob", let point?):
            return .startCopyJob(
                arn: point.arn, sourceVault: vault, destinationVaultArn: DemoCast.intruderVaultArn, iamRoleArn: restoreRole)
        case ("DeleteBackupVaultAccessPolicy", _):
            return .deleteBackupVaultAccessPolicy(vault: vault)
        case ("PutBackupVaultLockConfiguration", _):
            return .putBackupVaultLockConfiguration(vault: vault, minRetentionDays: 1, maxRetentionDays: 1)
        case ("DeleteBackupVaultLockConfiguration", _):
            return .deleteBackupVaultLockConfiguration(vault: vault)
        case ("DeleteBackupVault", _):
            return .deleteBackupVault(vault: vault)
        case ("DeleteBackupVaultNotifications", _):
            return .deleteBackupVaultNotifications(vault: vault)
        default:
            // PutBackupVaultAccessPolicy, and any point action on an empty vault.
            return .putBackupVaultAccessPolicy(vault: vault, policy: Self.openPolicy)
        }
    }
}
