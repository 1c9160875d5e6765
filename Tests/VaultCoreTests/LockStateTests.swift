import Foundation
import Testing
import VaultCore

@Suite struct LockStateTests {
    let lockDate = Fixture.lockDate

    @Test func noLockIsUnlocked() {
        #expect(LockState(nil, now: lockDate) == .unlocked)
    }

    @Test func lockWithoutLockDateIsGovernance() {
        #expect(LockState(LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30), now: lockDate) == .governance)
    }

    @Test func exactlyAtLockDateIsComplianceLocked() {
        let lock = LockConfiguration(minRetentionDays: 7, lockDate: lockDate)
        #expect(LockState(lock, now: lockDate) == .complianceLocked(since: lockDate))
    }

    @Test func oneSecondBeforeLockDateIsGrace() {
        let lock = LockConfiguration(minRetentionDays: 7, lockDate: lockDate)
        #expect(LockState(lock, now: lockDate - 1) == .complianceGrace(until: lockDate))
    }

    @Test func oneMillisecondBeforeLockDateIsStillGrace() {
        let lock = LockConfiguration(lockDate: lockDate)
        #expect(LockState(lock, now: lockDate - 0.001) == .complianceGrace(until: lockDate))
    }

    @Test func oneSecondAfterLockDateIsComplianceLocked() {
        let lock = LockConfiguration(minRetentionDays: 7, lockDate: lockDate)
        #expect(LockState(lock, now: lockDate + 1) == .complianceLocked(since: lockDate))
    }

    @Test func vaultReportsTheStateOfItsLock() {
        let vault = Fixture.vault(lock: LockConfiguration(lockDate: lockDate))
        #expect(vault.lockState(at: lockDate - 1) == .complianceGrace(until: lockDate))
        #expect(vault.lockState(at: lockDate) == .complianceLocked(since: lockDate))
        #expect(Fixture.vault().lockState(at: lockDate) == .unlocked)
    }

    struct Properties: Sendable, CustomTestStringConvertible {
        let state: LockState
        let isLocked: Bool
        let isChangeable: Bool
        let word: String
        var testDescription: String { word }
    }

    @Test(arguments: [
        Properties(state: .unlocked, isLocked: false, isChangeable: true, word: "none"),
        Properties(state: .governance, isLocked: true, isChangeable: true, word: "governance"),
        Properties(state: .complianceGrace(until: Fixture.lockDate), isLocked: true, isChangeable: true, word: "grace"),
        Properties(
            state: .complianceLocked(since: Fixture.lockDate), isLocked: true, isChangeable: false, word: "compliance"),
    ])
    func properties(_ p: Properties) {
        #expect(p.state.isLocked == p.isLocked)
        #expect(p.state.isChangeable == p.isChangeable)
        #expect(p.state.word == p.word)
    }

    @Test(arguments: [
        (
            LockState.unlocked,
            "No Vault Lock: recovery points can be deleted by anyone IAM and the vault access policy allow."
        ),
        (
            LockState.governance,
            "Governance mode: retention is enforced, but a principal allowed DeleteBackupVaultLockConfiguration can still remove the lock."
        ),
        (
            LockState.complianceGrace(until: Fixture.lockDate),
            "Compliance mode in its cooling-off period: after 2026-11-25 10:12 UTC this lock can no longer be changed or removed."
        ),
        (
            LockState.complianceLocked(since: Fixture.lockDate),
            "Compliance mode since 2026-11-25 10:12 UTC: nobody, not even root, can change or remove this lock."
        ),
    ])
    func meaning(_ state: LockState, _ text: String) {
        #expect(state.meaning == text)
    }
}
