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
        return DemoAct(time: time) { backend, caller, now in
            guard let call = chore.call(in: backend, pick: pick) else { return }
            caller.make(call, by: DemoCast.admin, from: DemoCast.origin(of: DemoCast.admin), at: now)
        }
    }

    /// The call the chore makes, on a point the vault holds now; nil when there is none to act on.
    func call(in backend: DemoBackend, pick: UInt64) -> DemoCall? {
        func point(in vault: String) -> RecoveryPoint? {
            let points = backend.points(in: vault)
            return points.isEmpty ? nil : points[Int(pick % UInt64(points.count))]
        }
        switch self {
        case .restoreDrill:
            return point(in: DemoAccount.centralVault).map { .startRestoreJob(arn: $0.arn, iamRoleArn: DemoCast.backupRoleArn) }
        case .deleteInLockedVault:
            return point(in: DemoAccount.centralVault).map { .deleteRecoveryPoint(vault: DemoAccount.centralVault, arn: $0.arn) }
        case .extendGovernancePoint:
            guard let p = point(in: DemoAccount.governanceVault) else { return nil }
            var longer = p.lifecycle
            longer.deleteAfterDays = (longer.deleteAfterDays ?? 90) + 30
            return .updateRecoveryPointLifecycle(vault: DemoAccount.governanceVault, arn: p.arn, lifecycle: longer)
        case .reapplyPolicy:
            return .putBackupVaultAccessPolicy(vault: DemoAccount.centralVault, policy: DemoAccount.accessPolicy)
        case .describeWorm:
            return .describeBackupVault(vault: DemoAccount.wormVault)
        case .listCentral:
            return .listRecoveryPointsByBackupVault(vault: DemoAccount.centralVault)
        case .onDemandBackup:
            return .startBackupJob(
                vault: DemoAccount.centralVault, resourceArn: DemoCatalog.database2.arn, iamRoleArn: DemoCast.backupRoleArn,
                lifecycle: Lifecycle(deleteAfterDays: 6))
        }
    }
}
