import Foundation
import VaultCore

/// Builds the demo account's history up to the start, through the backend's own operations, so
/// every seeded point was admitted by the same Vault Lock rules as a live one.
enum DemoSeeder {
    /// Runs the history into `backend` (which must be empty) and answers its records.
    static func seed(_ backend: DemoBackend, start: Date, seed: UInt64) -> [Record] {
        var acts = DemoVaultSetup.all.flatMap { $0.acts(start: start) }
        for entry in DemoCatalog.entries {
            guard let setup = DemoVaultSetup.named(entry.plan.vault), let days = entry.plan.lifecycle.deleteAfterDays
            else { continue }
            // Only the runs whose points are still kept at the start.
            let from = max(start + setup.created + DemoVaultSetup.hour, start - Double(days) * DemoVaultSetup.day)
            acts += entry.plan.runs(after: from, upTo: start).map { entry.run(at: $0, seed: seed) }
        }
        acts += wormWalkthrough(start: start)
        acts += pastAttempts(start: start)
        DemoAct.run(acts, on: backend)
        backend.expire(at: start)
        backend.moveToColdStorage(at: start)
        return backend.drainRecords()
    }

    /// The second seed's first steps, the day before the start: a 2-day backup of database-2
    /// into WORM_vault while it is still unlocked, shortened to 1 day (so it expires 2½ hours
    /// after the start), and the vault described before and after the lock.
    static func wormWalkthrough(start: Date) -> [DemoAct] {
        let admin = DemoCast.admin
        let origin = CallOrigin.cli
        let vault = DemoAccount.wormVault
        let hour = DemoVaultSetup.hour
        return [
            DemoAct(time: start - 21.5 * hour) { backend, _, now in
                _ = backend.startBackupJob(
                    backupVaultName: vault, resourceArn: DemoCatalog.database2.arn, iamRoleArn: DemoCast.backupRoleArn,
                    lifecycle: Lifecycle(deleteAfterDays: 2), by: admin, from: .console, at: now)
            },
            DemoAct(time: start - 21 * hour) { backend, _, now in
                guard let point = backend.points(in: vault).last(where: { $0.resourceArn == DemoCatalog.database2.arn })
                else { return }
                _ = backend.updateRecoveryPointLifecycle(
                    backupVaultName: vault, recoveryPointArn: point.arn, lifecycle: Lifecycle(deleteAfterDays: 1),
                    by: admin, from: .console, at: now)
            },
            DemoAct(time: start - 20.1 * hour) { backend, _, now in
                _ = backend.describeBackupVault(named: vault, by: admin, from: origin, at: now)
            },
            DemoAct(time: start - 19.9 * hour) { backend, _, now in
                _ = backend.describeBackupVault(named: vault, by: admin, from: origin, at: now)
            },
        ]
    }

    /// Two attempts of the past week the guardrail stopped, so the alert history is not empty.
    static func pastAttempts(start: Date) -> [DemoAct] {
        [
            DemoAttempt(
                action: "DeleteRecoveryPoint", principal: DemoCast.alice, vault: DemoAccount.centralVault, pick: 17
            ).act(at: start - 6 * DemoVaultSetup.day + 3 * DemoVaultSetup.hour),
            DemoAttempt(
                action: "PutBackupVaultLockConfiguration", principal: DemoCast.ciDeployer,
                vault: DemoAccount.governanceVault,
                pick: 0
            ).act(at: start - 2 * DemoVaultSetup.day - 3 * DemoVaultSetup.hour),
        ]
    }
}
