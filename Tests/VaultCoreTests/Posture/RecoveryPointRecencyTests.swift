import Foundation
import Testing
import VaultCore

/// `vault.recent_recovery_point`: per protected resource, the newest good point against the window.
@Suite struct RecoveryPointRecencyTests {
    let now = Fixture.now
    let settings = GuardrailSettings.seed(account: Fixture.account)

    func result(_ points: [RecoveryPoint]) -> PostureResult? {
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        state.apply(points.map(Record.recoveryPoint))
        let report = PostureChecks.evaluate(GuardrailInputs(state: state, rules: [], settings: settings), at: now)
        return report.results.first { $0.checkId == "vault.recent_recovery_point" }
    }

    @Test func aPointExactlyAtTheWindowPassesAndOneSecondOlderFails() {
        #expect(result([Fixture.point("a", created: now - 86_400)])?.verdict == .pass)
        let stale = result([Fixture.point("a", created: now - 86_401)])
        #expect(stale?.verdict == .fail)
        #expect(stale?.evidence == ["arn:aws:elasticfilesystem:us-east-1:444455556666:file-system/fs-a: newest recovery point 1d ago"])
    }

    @Test func onlyTheNewestCompletedPointOfEachResourceCounts() {
        var newer = Fixture.point("a", created: now - 3600, status: .partial)
        newer.arn += "-2"
        let older = Fixture.point("a", created: now - 3 * 86_400)
        #expect(result([older, newer])?.verdict == .fail, "a partial backup is not a recovery point to rely on")
        var good = newer
        good.status = .completed
        #expect(result([older, good])?.verdict == .pass)
    }

    @Test func eachStaleResourceIsNamedOldestFirst() throws {
        let r = try #require(result([
            Fixture.point("fresh", created: now - 60), Fixture.point("b", created: now - 2 * 86_400),
            Fixture.point("c", created: now - 5 * 86_400),
        ]))
        #expect(r.reason == "2 of 3 protected resources have no recovery point younger than 1 day.")
        #expect(r.evidence.map { $0.components(separatedBy: ":").dropLast().joined(separator: ":") }.count == 2)
        #expect(r.evidence.first?.contains("fs-c") == true)
    }

    @Test func anEmptiedVaultFailsAndSoDoesOneWithOnlyFailedBackups() {
        #expect(result([])?.verdict == .fail)
        #expect(result([Fixture.point("a", created: now - 60, status: .partial)])?.verdict == .fail)
    }

    @Test func theDeadlineIsWhenTheFirstFreshResourceGrowsTooOld() {
        let r = result([Fixture.point("a", created: now - 3600), Fixture.point("b", created: now - 7200)])
        #expect(r?.deadline == now - 7200 + 86_400 + 1)
    }

    @Test func theStateKeepsRecencyAsPointsComeAndGo() {
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        let older = Fixture.point("a", created: now - 3 * 86_400)
        var newer = Fixture.point("a", created: now - 3600)
        newer.arn += "-2"
        state.apply([.recoveryPoint(older), .recoveryPoint(newer)])
        let resource = older.resourceArn
        #expect(state.recency.newest[Fixture.key("central-backup-vault")]?[resource] == newer.creationDate)
        state.apply(.recoveryPointRemoved(arn: newer.arn, vault: Fixture.key("central-backup-vault"), at: now))
        #expect(state.recency.newest[Fixture.key("central-backup-vault")]?[resource] == older.creationDate)
        var failed = older
        failed.status = .expired
        state.apply(.recoveryPoint(failed))
        #expect(state.recency.newest[Fixture.key("central-backup-vault")]?[resource] == nil)
        state.apply(.vaultRemoved(Fixture.key("central-backup-vault"), at: now))
        #expect(state.recency.newest[Fixture.key("central-backup-vault")] == nil)
    }
}
