import Foundation
import VaultCore

/// A call a person (or a pipeline) makes in the demo account, as opposed to what AWS Backup does
/// on its own (plan runs, copies sent in, expiry): the calls the demo's activity is made of, so
/// that a driver can make them on the backend directly or as signed HTTP calls to an emulator of it.
public enum DemoCall: Equatable, Sendable {
    case deleteRecoveryPoint(vault: String, arn: String)
    case updateRecoveryPointLifecycle(vault: String, arn: String, lifecycle: Lifecycle)
    case startRestoreJob(arn: String, iamRoleArn: String)
    case startCopyJob(arn: String, sourceVault: String, destinationVaultArn: String, iamRoleArn: String)
    case putBackupVaultAccessPolicy(vault: String, policy: String)
    case deleteBackupVaultAccessPolicy(vault: String)
    case putBackupVaultLockConfiguration(vault: String, minRetentionDays: Int?, maxRetentionDays: Int?)
    case deleteBackupVaultLockConfiguration(vault: String)
    case deleteBackupVault(vault: String)
    case deleteBackupVaultNotifications(vault: String)
    case describeBackupVault(vault: String)
    case listRecoveryPointsByBackupVault(vault: String)
    case startBackupJob(vault: String, resourceArn: String, iamRoleArn: String, lifecycle: Lifecycle)
}

/// Who makes the demo's calls reach the service: the backend itself, or an HTTP driver signing
/// each call with the principal's keys. The answer does not matter to the activity (a refusal is
/// recorded as a CloudTrail call either way).
public protocol DemoCaller: AnyObject {
    func make(_ call: DemoCall, by principal: Principal, from origin: CallOrigin, at now: Date)
}

extension DemoBackend: DemoCaller {
    /// The call made on this backend directly, at `now`.
    public func make(_ call: DemoCall, by principal: Principal, from origin: CallOrigin, at now: Date) {
        switch call {
        case .deleteRecoveryPoint(let vault, let arn):
            _ = deleteRecoveryPoint(backupVaultName: vault, recoveryPointArn: arn, by: principal, from: origin, at: now)
        case .updateRecoveryPointLifecycle(let vault, let arn, let lifecycle):
            _ = updateRecoveryPointLifecycle(
                backupVaultName: vault, recoveryPointArn: arn, lifecycle: lifecycle, by: principal, from: origin, at: now)
        case .startRestoreJob(let arn, let role):
            _ = startRestoreJob(recoveryPointArn: arn, iamRoleArn: role, by: principal, from: origin, at: now)
        case .startCopyJob(let arn, let source, let destination, let role):
            _ = startCopyJob(
                recoveryPointArn: arn, sourceBackupVaultName: source, destinationBackupVaultArn: destination,
                iamRoleArn: role, by: principal, from: origin, at: now)
        case .putBackupVaultAccessPolicy(let vault, let policy):
            _ = putBackupVaultAccessPolicy(backupVaultName: vault, policy: policy, by: principal, from: origin, at: now)
        case .deleteBackupVaultAccessPolicy(let vault):
            _ = deleteBackupVaultAccessPolicy(backupVaultName: vault, by: principal, from: origin, at: now)
        case .putBackupVaultLockConfiguration(let vault, let min, let max):
            _ = putBackupVaultLockConfiguration(
                vaultName: vault, minRetentionDays: min, maxRetentionDays: max, by: principal, from: origin, at: now)
        case .deleteBackupVaultLockConfiguration(let vault):
            _ = deleteBackupVaultLockConfiguration(vaultName: vault, by: principal, from: origin, at: now)
        case .deleteBackupVault(let vault):
            _ = deleteBackupVault(named: vault, by: principal, from: origin, at: now)
        case .deleteBackupVaultNotifications(let vault):
            _ = deleteBackupVaultNotifications(backupVaultName: vault, by: principal, from: origin, at: now)
        case .describeBackupVault(let vault):
            _ = describeBackupVault(named: vault, by: principal, from: origin, at: now)
        case .listRecoveryPointsByBackupVault(let vault):
            _ = listRecoveryPointsByBackupVault(backupVaultName: vault, by: principal, from: origin, at: now)
        case .startBackupJob(let vault, let resource, let role, let lifecycle):
            _ = startBackupJob(
                backupVaultName: vault, resourceArn: resource, iamRoleArn: role, lifecycle: lifecycle, by: principal,
                from: origin, at: now)
        }
    }
}
