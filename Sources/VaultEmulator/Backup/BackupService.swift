import AWSClient
import Foundation
import VaultCore
import VaultDemo

/// The AWS Backup REST-JSON API over a `DemoBackend`: each operation reads its input as botocore
/// sends it, calls the backend as the signing principal, and answers the model's output shape, or
/// the backend's refusal with AWS's code.
struct BackupService {
    let backend: DemoBackend

    func handle(_ call: BackupCall) throws(ServiceError) -> Data {
        switch call.operation {
        case .createBackupVault, .describeBackupVault, .listBackupVaults, .deleteBackupVault,
            .putBackupVaultLockConfiguration, .deleteBackupVaultLockConfiguration:
            return try vaults(call)
        case .putBackupVaultAccessPolicy, .getBackupVaultAccessPolicy, .deleteBackupVaultAccessPolicy,
            .putBackupVaultNotifications, .getBackupVaultNotifications, .deleteBackupVaultNotifications:
            return try settings(call)
        case .startBackupJob, .describeBackupJob, .listBackupJobs, .startCopyJob, .describeCopyJob, .listCopyJobs,
            .startRestoreJob:
            return try jobs(call)
        case .listRecoveryPointsByBackupVault, .describeRecoveryPoint, .updateRecoveryPointLifecycle,
            .deleteRecoveryPoint, .listProtectedResources:
            return try points(call)
        case .createBackupPlan, .getBackupPlan, .listBackupPlans:
            return try plans(call)
        }
    }

    /// The backend's answer, or its refusal as the wire error.
    func answer<T>(_ result: Result<T, BackupServiceError>) throws(ServiceError) -> T {
        switch result {
        case .success(let value): return value
        case .failure(let error): throw ServiceError(error)
        }
    }

    static let empty = Data()

    func vaultDescription(_ name: String, at now: Date) -> BackupVaultDescription? {
        backend.exclusively {
            backend.vault(named: name).map {
                BackupVaultDescription(
                    vault: $0, numberOfRecoveryPoints: backend.points(in: name).count, creatorRequestId: nil,
                    locked: $0.lockState(at: now).isLocked)
            }
        }
    }
}
