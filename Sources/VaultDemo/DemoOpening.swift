import Foundation
import VaultCore

/// The first minutes after a fresh seed, so a new user sees the guardrails at work at once:
/// three non-admins try sensitive actions and are denied, an outside role tries to copy a point
/// out, then the vault admin replays the seeds' walk-throughs (a 1-day backup into the central
/// vault fails, a 6-day one succeeds, deleting it fails even for the admin, a 35-day backup
/// into WORM_vault fails).
enum DemoOpening {
    /// How many opening acts run at the first poll however little time has passed; they take
    /// that poll's instant when it comes before their own.
    static let immediate = 3

    static func acts(start: Date) -> [DemoAct] {
        let central = DemoAccount.centralVault
        let worm = DemoAccount.wormVault
        let admin = DemoCast.admin
        let database2 = DemoCatalog.database2.arn
        func onDemand(_ vault: String, days: Int) -> (DemoBackend, any DemoCaller, Date) -> Void {
            { _, caller, now in
                caller.make(
                    .startBackupJob(
                        vault: vault, resourceArn: database2, iamRoleArn: DemoCast.backupRoleArn,
                        lifecycle: Lifecycle(deleteAfterDays: days)), by: admin, from: .console, at: now)
            }
        }
        return [
            DemoAttempt(action: "DeleteRecoveryPoint", principal: DemoCast.alice, vault: central, pick: 3)
                .act(at: start + 20),
            DemoAttempt(action: "PutBackupVaultAccessPolicy", principal: DemoCast.ciDeployer, vault: worm, pick: 0)
                .act(at: start + 45),
            DemoAttempt(action: "DeleteBackupVaultLockConfiguration", principal: DemoCast.root, vault: worm, pick: 0)
                .act(at: start + 70),
            DemoAttempt(action: "StartCopyJob", principal: DemoCast.intruder, vault: central, pick: 11)
                .act(at: start + 100),
            DemoAct(time: start + 120, perform: onDemand(central, days: 1)),
            DemoAct(time: start + 150, perform: onDemand(central, days: 6)),
            DemoAct(time: start + 180) { backend, caller, now in
                guard
                    let point = backend.points(in: central).last(where: {
                        $0.resourceArn == database2 && $0.lifecycle.deleteAfterDays == 6
                    })
                else { return }
                caller.make(.deleteRecoveryPoint(vault: central, arn: point.arn), by: admin, from: .console, at: now)
            },
            DemoAct(time: start + 210, perform: onDemand(worm, days: 35)),
            DemoAct(time: start + 240) { _, caller, now in
                caller.make(.describeBackupVault(vault: worm), by: admin, from: .cli, at: now)
            },
        ]
    }
}
