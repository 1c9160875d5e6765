import Foundation
import Testing
import VaultCore

/// The Vault Lock controls, at the edges that matter: the lock date, the floor, the ceiling.
@Suite struct LockPostureTests {
    let now = Fixture.now

    func results(_ lock: LockConfiguration?, settings: GuardrailSettings = .seed(account: Fixture.account), at: Date? = nil)
        -> [String: PostureResult]
    {
        var state = AccountState()
        state.apply(.vault(Fixture.vault(lock: lock)))
        let report = PostureChecks.evaluate(GuardrailInputs(state: state, rules: [], settings: settings), at: at ?? now)
        return Dictionary(uniqueKeysWithValues: report.results(for: .vault(Fixture.key("central-backup-vault"))).map { ($0.checkId, $0) })
    }

    @Test func noLockFailsEveryLockControlWithItsReason() {
        let r = results(nil)
        for id in ["vault.lock.enabled", "vault.lock.mode", "vault.lock.min_retention", "vault.lock.max_retention"] {
            #expect(r[id]?.verdict == .fail, "\(id)")
        }
        #expect(r["vault.lock.enabled"]?.reason.contains("No Vault Lock") == true)
    }

    @Test func governanceFailsACompliancePolicyButPassesAGovernanceOne() {
        let lock = LockedMode.governance.lock(min: 35, max: 365)
        #expect(results(lock)["vault.lock.mode"]?.verdict == .fail)
        #expect(results(lock)["vault.lock.mode"]?.reason.contains("DeleteBackupVaultLockConfiguration") == true)
        var settings = GuardrailSettings.seed(account: Fixture.account)
        settings.requiredLockMode = .governance
        #expect(results(lock, settings: settings)["vault.lock.mode"]?.verdict == .pass)
    }

    @Test func graceWarnsWithTheTimeLeftAndBecomesAPassAtTheLockDate() throws {
        let lock = LockConfiguration(minRetentionDays: 35, maxRetentionDays: 100, lockDate: Fixture.lockDate)
        let before = try #require(results(lock, at: Fixture.lockDate - 1)["vault.lock.mode"])
        #expect(before.verdict == .warn)
        #expect(before.reason.contains("removed until 2026-11-25 10:12:38 UTC; then it is permanent."))
        #expect(before.reason.hasPrefix("Last chance"))
        #expect(before.deadline == Fixture.lockDate)
        let early = try #require(results(lock, at: Fixture.lockDate - 86_400 - 1)["vault.lock.mode"])
        #expect(early.verdict == .warn)
        #expect(!early.reason.hasPrefix("Last chance"), "more than the warning's 1 day left")
        #expect(early.deadline == Fixture.lockDate - 86_400, "the verdict's wording changes when the last day starts")
        let lastDay = try #require(results(lock, at: Fixture.lockDate - 86_400)["vault.lock.mode"])
        #expect(lastDay.reason.hasPrefix("Last chance"))
        let at = try #require(results(lock, at: Fixture.lockDate)["vault.lock.mode"])
        #expect(at.verdict == .pass)
        #expect(at.reason.contains("permanent since 2026-11-25 10:12"))
    }

    @Test(arguments: [(34, PostureVerdict.fail), (35, .pass), (36, .pass)])
    func minimumRetentionAgainstTheFloor(min: Int, verdict: PostureVerdict) {
        let r = results(LockedMode.compliance.lock(min: min, max: 100))["vault.lock.min_retention"]
        #expect(r?.verdict == verdict)
        if verdict == .fail { #expect(r?.reason == "MinRetentionDays is 34 days, below the floor of 35 days.") }
    }

    @Test func maximumRetentionMustBeSetAndWithinTheCeiling() {
        #expect(results(LockedMode.compliance.lock(min: 35, max: nil))["vault.lock.max_retention"]?.verdict == .fail)
        var settings = GuardrailSettings.seed(account: Fixture.account)
        settings.maxRetentionDays = 365
        let lock = { LockedMode.compliance.lock(min: 35, max: $0) }
        #expect(results(lock(365), settings: settings)["vault.lock.max_retention"]?.verdict == .pass)
        #expect(results(lock(366), settings: settings)["vault.lock.max_retention"]?.verdict == .fail)
    }

    @Test func keyTypeDecidesTheKmsControl() {
        func verdict(_ type: Vault.KeyType?) -> PostureVerdict? {
            var state = AccountState()
            var vault = Fixture.vault()
            vault.encryptionKeyType = type
            state.apply(.vault(vault))
            let report = PostureChecks.evaluate(
                GuardrailInputs(state: state, rules: [], settings: .seed(account: Fixture.account)), at: now)
            return report.results.first { $0.checkId == "vault.kms.customer_managed" }?.verdict
        }
        #expect(verdict(.customerManaged) == .pass)
        #expect(verdict(.awsOwned) == .fail)
        #expect(verdict(nil) == .unknown)
    }
}
