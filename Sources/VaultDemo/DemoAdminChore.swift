import Foundation
import VaultCore

/// What the vault admin does day to day. The guardrail lets all of it through; the lock still
/// refuses what it refuses, admin or not.
enum DemoAdminChore: CaseIterable {
    /// A restore test from the central vault: succeeds.
    case restoreDrill
    /// Deleting a point in the compliance-locked central vault: refused by the lock.
    case deleteInLockedVault
    /// Extending a point's retention in the governance vault: refused by the lock.
    case extendGovernancePoint
    /// Re-applying the seeds' access policy on the central vault: succeeds.
    case reapplyPolicy
    /// Checking WORM_vault's lock: a read.
    case describeWorm
    /// Listing the central vault's points: a read.
    case listCentral
    /// The seeds' 6-day on-demand backup into the central vault: succeeds.
    case onDemandBackup

    func act(at time: Date, pick: UInt64) -> DemoAct {
        let chore = self
        return DemoAct(time: time) { backend, now in chore.perform(on: backend, pick: pick, at: now) }
    }

    func perform(on backend: DemoBackend, pick: UInt64, at now: Date) {
        let admin = DemoCast.admin
        let origin = DemoCast.origin(of: admin)
        func point(in vault: String) -> RecoveryPoint? {
            let points = backend.points(in: vault)
            return points.isEmpty ? nil : points[Int(pick % UInt64(points.count))]
        }
        switch self {
        case .restoreDrill:
            guard let p = point(in: DemoAccount.centralVault) else { return }
            _ = backend.startRestoreJob(
                recoveryPointArn: p.arn, iamRoleArn: DemoCast.backupRoleArn, by: admin, from: origin, at: now)
        case .deleteInLockedVault:
            guard let p = point(in: DemoAccount.centralVault) else { return }
            _ = backend.deleteRecoveryPoint(
                backupVaultName: DemoAccount.centralVault, recoveryPointArn: p.arn, by: admin, from: origin, at: now)
        case .extendGovernancePoint:
            guard let p = point(in: DemoAccount.governanceVault) else { return }
            var longer = p.lifecycle
            longer.deleteAfterDays = (longer.deleteAfterDays ?? 90) + 30
            _ = backend.updateRecoveryPointLifecycle(
                backupVaultName: DemoAccount.governanceVault, recoveryPointArn: p.arn, lifecycle: longer, by: admin,
                from: origin, at: now)
        case .reapplyPolicy:
            _ = backend.putBackupVaultAccessPolicy(
                backupVaultName: DemoAccount.centralVault, policy: DemoAccount.accessPolicy, by: admin, from: origin,
                at: now)
        case .describeWorm:
            _ = backend.describeBackupVault(named: DemoAccount.wormVault, by: admin, from: origin, at: now)
        case .listCentral:
            _ = backend.listRecoveryPointsByBackupVault(
                backupVaultName: DemoAccount.centralVault, by: admin, from: origin, at: now)
        case .onDemandBackup:
            _ = backend.startBackupJob(
                backupVaultName: DemoAccount.centralVault, resourceArn: DemoCatalog.database2.arn,
                iamRoleArn: DemoCast.backupRoleArn, lifecycle: Lifecycle(deleteAfterDays: 6), by: admin, from: origin,
                at: now)
        }
    }
}
