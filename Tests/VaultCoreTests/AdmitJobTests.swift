import Foundation
import Testing
import VaultCore

@Suite struct AdmitJobTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let vaultName: String
        let min: Int?
        let max: Int?
        let lifecycle: Lifecycle
        let allowed: Bool
        /// The reason, with `KIND` standing for the job kind's word.
        let reason: String

        var testDescription: String {
            "\(vaultName) [\(min.map(String.init) ?? "-")…\(max.map(String.init) ?? "-")] "
                + "cold \(lifecycle.moveToColdStorageAfterDays.map(String.init) ?? "-") "
                + "delete \(lifecycle.deleteAfterDays.map(String.init) ?? "-")"
        }
    }

    static let central = "central-backup-vault"
    static let worm = "WORM_vault"

    static func minFive(_ days: Int?, _ allowed: Bool, _ reason: String) -> Case {
        Case(vaultName: central, min: 5, max: nil, lifecycle: Lifecycle(deleteAfterDays: days), allowed: allowed, reason: reason)
    }

    static func worm(_ days: Int?, _ allowed: Bool, _ reason: String) -> Case {
        Case(vaultName: worm, min: 7, max: 30, lifecycle: Lifecycle(deleteAfterDays: days), allowed: allowed, reason: reason)
    }

    /// The seeds' walk-throughs, and the bounds around them.
    static let cases: [Case] = [
        minFive(1, false, "A 1-day retention is below the Vault Lock minimum of 5 days on central-backup-vault: the KIND job fails."),
        minFive(6, true, "Kept 6 days, within the Vault Lock's at least 5 days on central-backup-vault."),
        minFive(5, true, "Kept 5 days, within the Vault Lock's at least 5 days on central-backup-vault."),
        minFive(4, false, "A 4-day retention is below the Vault Lock minimum of 5 days on central-backup-vault: the KIND job fails."),
        minFive(nil, true, "Kept forever, within the Vault Lock's at least 5 days on central-backup-vault."),
        worm(35, false, "A 35-day retention is above the Vault Lock maximum of 30 days on WORM_vault: the KIND job fails."),
        worm(30, true, "Kept 30 days, within the Vault Lock's 7–30 days on WORM_vault."),
        worm(31, false, "A 31-day retention is above the Vault Lock maximum of 30 days on WORM_vault: the KIND job fails."),
        worm(7, true, "Kept 7 days, within the Vault Lock's 7–30 days on WORM_vault."),
        worm(6, false, "A 6-day retention is below the Vault Lock minimum of 7 days on WORM_vault: the KIND job fails."),
        worm(nil, false, "A point kept forever exceeds the Vault Lock maximum of 30 days on WORM_vault: the KIND job fails."),
        Case(
            vaultName: worm, min: nil, max: 30, lifecycle: Lifecycle(), allowed: false,
            reason: "A point kept forever exceeds the Vault Lock maximum of 30 days on WORM_vault: the KIND job fails."),
        Case(
            vaultName: central, min: 5, max: nil, lifecycle: Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 100),
            allowed: false, reason: "DeleteAfterDays (100) must be at least 90 days after MoveToColdStorageAfterDays (30)."),
        Case(
            vaultName: central, min: 5, max: nil, lifecycle: Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 120),
            allowed: true, reason: "Kept 120 days, within the Vault Lock's at least 5 days on central-backup-vault."),
    ]

    @Test(arguments: LockedMode.allCases, cases)
    func lockedVaultEnforcesRetentionForBackupJobs(_ mode: LockedMode, _ c: Case) {
        check(.backup, mode, c)
    }

    @Test(arguments: LockedMode.allCases, cases)
    func lockedVaultEnforcesRetentionForCopyJobs(_ mode: LockedMode, _ c: Case) {
        check(.copy, mode, c)
    }

    private func check(_ kind: JobKind, _ mode: LockedMode, _ c: Case) {
        let vault = Fixture.vault(c.vaultName, lock: mode.lock(min: c.min, max: c.max))
        let verdict = VaultLockRules.admitJob(kind, lifecycle: c.lifecycle, into: vault, at: Fixture.now)
        #expect(verdict.isAllowed == c.allowed)
        #expect(verdict.reason == c.reason.replacingOccurrences(of: "KIND", with: kind.word))
    }

    @Test(arguments: [JobKind.backup, .copy], [Lifecycle(deleteAfterDays: 1), Lifecycle(deleteAfterDays: 36_500), Lifecycle()])
    func unlockedVaultAcceptsAnyRetention(_ kind: JobKind, _ lifecycle: Lifecycle) {
        let verdict = VaultLockRules.admitJob(kind, lifecycle: lifecycle, into: Fixture.vault(), at: Fixture.now)
        #expect(verdict == .allowed(because: "central-backup-vault has no Vault Lock: any retention is accepted."))
    }

    @Test func unlockedVaultStillRefusesAnInvalidLifecycle() {
        let verdict = VaultLockRules.admitJob(
            .backup, lifecycle: Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 100), into: Fixture.vault(),
            at: Fixture.now)
        #expect(verdict == .refused(because: "DeleteAfterDays (100) must be at least 90 days after MoveToColdStorageAfterDays (30)."))
    }

    @Test func lockWithoutBoundsAcceptsAnything() {
        let vault = Fixture.vault(lock: LockConfiguration(lockDate: Fixture.now - 1))
        let verdict = VaultLockRules.admitJob(.backup, lifecycle: Lifecycle(), into: vault, at: Fixture.now)
        #expect(verdict == .allowed(because: "Kept forever, within the Vault Lock's any retention on central-backup-vault."))
    }

    @Test func seedWormVaultRequestedWithThreeChangeableDaysRefuses35Days() {
        let put = UTC.date(year: 2021, month: 9, day: 28, hour: 17, minute: 12, second: 38)
        let lock = LockConfiguration.requested(minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3, at: put)
        let vault = Fixture.vault("WORM_vault", lock: lock)
        for now in [put, put + 3 * 86_400 - 1, put + 3 * 86_400, put + 365 * 86_400] {
            #expect(!VaultLockRules.admitJob(.backup, lifecycle: Lifecycle(deleteAfterDays: 35), into: vault, at: now).isAllowed)
            #expect(VaultLockRules.admitJob(.backup, lifecycle: Lifecycle(deleteAfterDays: 30), into: vault, at: now).isAllowed)
        }
    }

    @Test func jobKindWords() {
        #expect(JobKind.backup.word == "backup")
        #expect(JobKind.copy.word == "copy")
        #expect(JobKind.backup.rawValue == "BACKUP")
        #expect(JobKind.copy.rawValue == "COPY")
    }
}
