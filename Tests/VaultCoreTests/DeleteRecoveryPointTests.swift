import Foundation
import Testing
import VaultCore

@Suite struct DeleteRecoveryPointTests {
    /// Created 2026-11-20 00:00 UTC, kept 35 days: expires 2026-12-25 00:00 UTC.
    let point = Fixture.point()
    let deleteAt = UTC.date(year: 2026, month: 12, day: 25)

    /// Who asks: the lock judges them all alike.
    static let principals: [Principal?] = [Fixture.root, Fixture.admin, Fixture.ciUser, Fixture.alice, nil]

    @Test(arguments: LockedMode.allCases, principals)
    func lockedVaultRefusesEveryPrincipal(_ mode: LockedMode, _ principal: Principal?) {
        let vault = Fixture.vault(lock: mode.lock(min: 5, max: nil))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, by: principal, at: Fixture.now)
        #expect(!verdict.isAllowed)
        #expect(verdict.reason.contains("before it expires at 2026-12-25 00:00 UTC (in 32d)"))
        if let principal {
            #expect(verdict.reason.contains("Nobody, \(principal.displayName) included"))
        } else {
            #expect(verdict.reason.contains("Nobody, not even root, can delete it"))
        }
    }

    @Test(arguments: principals)
    func unlockedVaultAllowsEveryPrincipal(_ principal: Principal?) {
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: Fixture.vault(), by: principal, at: Fixture.now)
        #expect(
            verdict
                == .allowed(
                    because: "central-backup-vault has no Vault Lock: only IAM, the vault access policy and SCPs can stop this deletion."))
    }

    @Test func governanceReason() {
        let vault = Fixture.vault(lock: LockedMode.governance.lock(min: 5, max: nil))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, at: Fixture.now)
        #expect(
            verdict
                == .refused(
                    because: "central-backup-vault is locked in governance mode. Nobody, not even root, can delete it "
                        + "before it expires at 2026-12-25 00:00 UTC (in 32d), unless someone allowed to remove the lock removes it first."))
    }

    @Test func graceReasonSaysTheLockCanStillBeRemovedUntilTheLockDate() {
        let vault = Fixture.vault(lock: LockConfiguration(minRetentionDays: 5, lockDate: Fixture.lockDate))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, at: Fixture.now)
        #expect(
            verdict
                == .refused(
                    because: "central-backup-vault is locked in compliance mode. Nobody, not even root, can delete it "
                        + "before it expires at 2026-12-25 00:00 UTC (in 32d). "
                        + "The lock can still be removed until 2026-11-25 10:12 UTC; after that, never."))
    }

    @Test func complianceReason() {
        let vault = Fixture.vault(lock: LockConfiguration(minRetentionDays: 5, lockDate: Fixture.lockDate))
        let now = Fixture.lockDate + 1
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, at: now)
        #expect(
            verdict
                == .refused(
                    because: "central-backup-vault is locked in compliance mode. Nobody, not even root, can delete it "
                        + "before it expires at 2026-12-25 00:00 UTC (in 29d)."))
    }

    /// A named principal reads like the unnamed one: "Nobody, not even root, can …" /
    /// "Nobody, root included, can …" — the clause needs its closing comma.
    @Test(arguments: [(Fixture.root, "root"), (Fixture.admin, "BackupVaultAdmin/bob"), (Fixture.ciUser, "ci-deployer")])
    func namedPrincipalClauseIsPunctuated(_ principal: Principal, _ name: String) {
        let vault = Fixture.vault(lock: LockConfiguration(minRetentionDays: 5, lockDate: Fixture.lockDate))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, by: principal, at: Fixture.lockDate)
        #expect(
            verdict.reason
                == "central-backup-vault is locked in compliance mode. Nobody, \(name) included, can delete it "
                + "before it expires at 2026-12-25 00:00 UTC (in 29d).")
    }

    @Test(arguments: LockedMode.allCases)
    func exactlyAtDeleteAtItHasExpiredAndIsAllowed(_ mode: LockedMode) {
        let vault = Fixture.vault(lock: mode.lock(min: 5, max: nil, now: deleteAt))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, by: Fixture.alice, at: deleteAt)
        #expect(point.isExpired(at: deleteAt))
        #expect(verdict == .allowed(because: "Its retention ended at 2026-12-25 00:00 UTC; AWS Backup deletes it."))
    }

    @Test(arguments: LockedMode.allCases)
    func oneSecondBeforeDeleteAtIsRefused(_ mode: LockedMode) {
        let now = deleteAt - 1
        let vault = Fixture.vault(lock: mode.lock(min: 5, max: nil, now: now))
        let verdict = VaultLockRules.deleteRecoveryPoint(point, in: vault, by: Fixture.root, at: now)
        #expect(!point.isExpired(at: now))
        #expect(!verdict.isAllowed)
        #expect(verdict.reason.contains("before it expires at 2026-12-25 00:00 UTC (in 1s)"))
    }

    @Test func pointMarkedExpiredWithoutExpiryIsAllowed() {
        let expired = Fixture.point(lifecycle: Lifecycle(), status: .expired)
        let vault = Fixture.vault(lock: LockedMode.compliance.lock(min: 5, max: nil))
        let verdict = VaultLockRules.deleteRecoveryPoint(expired, in: vault, at: Fixture.now)
        #expect(verdict == .allowed(because: "Its retention ended; AWS Backup deletes it."))
    }

    @Test(arguments: LockedMode.allCases)
    func pointWithoutExpiryInLockedVaultIsKeptForGood(_ mode: LockedMode) {
        let forever = Fixture.point(lifecycle: Lifecycle())
        let vault = Fixture.vault(lock: mode.lock(min: 5, max: nil))
        let verdict = VaultLockRules.deleteRecoveryPoint(forever, in: vault, at: Fixture.now)
        #expect(!verdict.isAllowed)
        #expect(verdict.reason.contains("Nobody, not even root, can delete it ever: it has no expiry, so it is kept for good"))
    }

    @Test func seedAdminCannotDeleteSixDayBackupFromCentralVault() {
        let created = UTC.date(year: 2026, month: 11, day: 22, hour: 9)
        let sixDays = Fixture.point(created: created, lifecycle: Lifecycle(deleteAfterDays: 6))
        let vault = Fixture.vault(lock: LockConfiguration(minRetentionDays: 5, lockDate: created - 86_400))
        let verdict = VaultLockRules.deleteRecoveryPoint(sixDays, in: vault, by: Fixture.admin, at: created + 3600)
        #expect(!verdict.isAllowed)
        #expect(verdict.reason.contains("before it expires at 2026-11-28 09:00 UTC (in 5d)"))
    }
}
