import Foundation
import Testing
import VaultCore

@Suite struct LockChangeTests {
    let lockDate = Fixture.lockDate
    var compliance: Vault { Fixture.vault("WORM_vault", lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30, lockDate: lockDate)) }
    var governance: Vault { Fixture.vault("WORM_vault", lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30)) }

    private func put(_ vault: Vault, at now: Date, changeable: Int? = 3) -> Verdict {
        VaultLockRules.putLock(minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: changeable, on: vault, at: now)
    }

    // MARK: putLock

    @Test func putOnUnlockedVaultIsAllowed() {
        #expect(put(Fixture.vault("WORM_vault"), at: lockDate) == .allowed(because: "WORM_vault has no Vault Lock yet."))
    }

    @Test func putInGovernanceIsAllowed() {
        #expect(
            put(governance, at: lockDate)
                == .allowed(because: "WORM_vault is in governance mode: its lock can be changed by anyone IAM allows."))
    }

    @Test func putOneSecondBeforeLockDateIsAllowed() {
        #expect(
            put(compliance, at: lockDate - 1)
                == .allowed(
                    because: "WORM_vault is still in its cooling-off period: the lock can be changed until 2026-11-25 10:12 UTC (00:00:01 left)."))
    }

    @Test func putExactlyAtLockDateIsRefused() {
        #expect(
            put(compliance, at: lockDate)
                == .refused(
                    because: "The lock on WORM_vault became permanent at 2026-11-25 10:12 UTC: it can no longer be changed, not even by root."))
    }

    @Test func putAfterLockDateIsRefused() {
        #expect(!put(compliance, at: lockDate + 1).isAllowed)
        #expect(!put(compliance, at: lockDate + 10 * 365 * 86_400).isAllowed)
    }

    @Test(arguments: [(2, false), (3, true), (36_500, true), (36_501, false), (0, false), (-1, false)])
    func changeableForDaysBounds(_ days: Int, _ allowed: Bool) {
        let verdict = put(Fixture.vault("WORM_vault"), at: lockDate, changeable: days)
        #expect(verdict.isAllowed == allowed)
        if !allowed {
            #expect(
                verdict.reason == "ChangeableForDays must be between 3 and 36,500 (AWS enforces a 72-hour cooling-off); got \(days).")
        }
    }

    @Test func withoutChangeableForDaysIsAllowed() {
        #expect(put(Fixture.vault("WORM_vault"), at: lockDate, changeable: nil).isAllowed)
    }

    @Test func minGreaterThanMaxIsRefused() {
        let verdict = VaultLockRules.putLock(
            minRetentionDays: 31, maxRetentionDays: 30, changeableForDays: 3, on: Fixture.vault("WORM_vault"), at: lockDate)
        #expect(verdict == .refused(because: "MinRetentionDays (31) is greater than MaxRetentionDays (30)."))
    }

    @Test func minEqualToMaxIsAllowed() {
        let verdict = VaultLockRules.putLock(
            minRetentionDays: 30, maxRetentionDays: 30, changeableForDays: 3, on: Fixture.vault("WORM_vault"), at: lockDate)
        #expect(verdict.isAllowed)
    }

    @Test(arguments: [
        (0, 30, "MinRetentionDays must be between 1 and 36,500; got 0."),
        (1, 36_501, "MaxRetentionDays must be between 1 and 36,500; got 36501."),
        (7, 0, "MaxRetentionDays must be between 1 and 36,500; got 0."),
    ])
    func retentionBoundsOutOfRange(_ min: Int, _ max: Int, _ reason: String) {
        let verdict = VaultLockRules.putLock(
            minRetentionDays: min, maxRetentionDays: max, changeableForDays: 3, on: Fixture.vault("WORM_vault"), at: lockDate)
        #expect(verdict == .refused(because: reason))
    }

    // MARK: deleteLock

    @Test func deleteWithoutLockIsRefused() {
        #expect(
            VaultLockRules.deleteLock(on: Fixture.vault("WORM_vault"), at: lockDate)
                == .refused(because: "WORM_vault has no Vault Lock to remove."))
    }

    @Test func deleteInGovernanceIsAllowed() {
        #expect(
            VaultLockRules.deleteLock(on: governance, at: lockDate)
                == .allowed(because: "WORM_vault is in governance mode: its lock can be removed by anyone IAM allows."))
    }

    @Test func deleteOneSecondBeforeLockDateIsAllowed() {
        #expect(
            VaultLockRules.deleteLock(on: compliance, at: lockDate - 1)
                == .allowed(
                    because: "WORM_vault is still in its cooling-off period: the lock can be removed until 2026-11-25 10:12 UTC (00:00:01 left)."))
    }

    @Test func deleteExactlyAtLockDateIsRefused() {
        #expect(
            VaultLockRules.deleteLock(on: compliance, at: lockDate)
                == .refused(
                    because: "The lock on WORM_vault became permanent at 2026-11-25 10:12 UTC: it can no longer be removed, not even by root."))
    }

    @Test func deleteAfterLockDateIsRefused() {
        #expect(!VaultLockRules.deleteLock(on: compliance, at: lockDate + 1).isAllowed)
    }

    @Test func seedWormVaultLockCanBeDeletedWithinItsThreeDays() {
        let putAt = UTC.date(year: 2021, month: 9, day: 28, hour: 17, minute: 12, second: 38)
        let lock = LockConfiguration.requested(minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3, at: putAt)
        let vault = Fixture.vault("WORM_vault", lock: lock)
        let lastMoment = putAt + 3 * 86_400 - 1
        #expect(
            VaultLockRules.deleteLock(on: vault, at: putAt + 2 * 86_400).reason
                == "WORM_vault is still in its cooling-off period: the lock can be removed until 2021-10-01 17:12 UTC (1d 00:00:00 left).")
        #expect(VaultLockRules.deleteLock(on: vault, at: lastMoment).isAllowed)
        #expect(!VaultLockRules.deleteLock(on: vault, at: lastMoment + 1).isAllowed)
    }
}
