import Foundation
import VaultCore

/// What happens in the demo account as simulated time passes: every plan run (copies in and
/// backups) at its scheduled time, and in each 5-minute step, by chance, a sensitive action
/// tried by someone who is not a vault admin, an admin chore, a job the lock refuses, or an
/// ad-hoc backup into scratch. Each step draws from its own generator, seeded by the demo's
/// seed and the step's index, so the activity does not depend on how often it is polled or
/// whether the demo was resumed.
struct DemoActivity {
    let seed: UInt64

    static let step: TimeInterval = 300

    /// Chances per step (288 steps a simulated day).
    static let attemptChance = 0.025
    static let scratchShare = 0.08
    static let choreChance = 0.015
    static let refusedJobChance = 0.012
    static let adHocBackupChance = 0.004

    /// Everything that happens in `(after, upTo]`, with chance events only after `chancesAfter`
    /// (which bounds the work of a long jump). Plan runs whose points would already have
    /// expired by `end` are left out, so a jump of any length costs at most one retention
    /// period of runs per resource.
    func acts(after start: Date, upTo end: Date, chancesAfter chanceStart: Date) -> [DemoAct] {
        var acts: [DemoAct] = []
        for entry in DemoCatalog.entries {
            var from = start
            if let days = entry.plan.lifecycle.deleteAfterDays { from = max(from, end - Double(days) * 86_400) }
            acts += entry.plan.runs(after: from, upTo: end).map { entry.run(at: $0, seed: seed) }
        }
        let floor = max(start, chanceStart)
        var k = Int64((floor.timeIntervalSince1970 / Self.step).rounded(.down)) + 1
        while Double(k) * Self.step <= end.timeIntervalSince1970 {
            acts += chances(inStep: k, after: floor)
            k += 1
        }
        return acts
    }

    /// The chance events of step `k`, which ends at `k × 5 min`; their times fall in the step,
    /// after `floor`.
    func chances(inStep k: Int64, after floor: Date) -> [DemoAct] {
        var rng = SplitMix64(seed: DemoIds.hash(["step", String(seed), String(k)]))
        let end = Date(timeIntervalSince1970: Double(k) * Self.step)
        let span = end.timeIntervalSince(max(end - Self.step, floor))
        func when(_ rng: inout SplitMix64) -> Date { end - rng.unit() * span }
        var acts: [DemoAct] = []
        if rng.chance(Self.attemptChance) {
            let principal = rng.pick(weighted: [
                (DemoCast.alice, 3), (DemoCast.root, 1), (DemoCast.ciDeployer, 2), (DemoCast.intruder, 2),
            ])
            let onScratch = rng.chance(Self.scratchShare)
            let vault = onScratch ? DemoAccount.scratchVault : rng.pick(DemoAccount.guardedVaults.sorted())
            let action = rng.pick(onScratch ? DemoAttempt.scratchActions : DemoAttempt.guardedActions)
            let attempt = DemoAttempt(action: action, principal: principal, vault: vault, pick: rng.next())
            acts.append(attempt.act(at: when(&rng)))
        }
        if rng.chance(Self.choreChance) {
            let chore = rng.pick(DemoAdminChore.allCases)
            acts.append(chore.act(at: when(&rng), pick: rng.next()))
        }
        if rng.chance(Self.refusedJobChance) {
            let job = rng.pick(DemoRefusedJob.allCases)
            acts.append(job.act(at: when(&rng), seed: seed))
        }
        if rng.chance(Self.adHocBackupChance) {
            let days = 2 + rng.below(6)
            let resource = rng.pick(DemoCatalog.entries.filter { $0.plan.vault == DemoAccount.scratchVault }).resource
            let time = when(&rng)
            acts.append(
                DemoAct(time: time) { backend, _, now in
                    _ = backend.startBackupJob(
                        backupVaultName: DemoAccount.scratchVault, resourceArn: resource.arn,
                        iamRoleArn: DemoCast.backupRoleArn, lifecycle: Lifecycle(deleteAfterDays: days),
                        by: DemoCast.ciDeployer, from: DemoCast.origin(of: DemoCast.ciDeployer), at: now)
                })
        }
        return acts
    }
}
