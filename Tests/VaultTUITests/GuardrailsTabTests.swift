import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// The Guardrails tab as keys drive it: verdicts from the pure state, re-judged as time passes.
@Suite struct GuardrailsTabTests {
    func keys(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { _ = Update.apply(.key(k), to: &state) }
    }

    @Test func fourOpensTheTabAndTabCyclesThroughAllFour() {
        var s = Fixture.app()
        keys(&s, [.char("4")])
        #expect(s.tab == .guardrails)
        #expect(s.guardrailRows.first?.result.checkId == "alerts.rule.enabled")
        keys(&s, [.tab])
        #expect(s.tab == .vaults)
        keys(&s, [.backTab])
        #expect(s.tab == .guardrails)
    }

    @Test func fourFromAVaultLandsOnThatVaultsChecks() {
        var s = Fixture.app()
        keys(&s, [.char("G"), .char("4")])  // WORM_vault sorts last on the Vaults tab
        #expect(s.currentCheck?.result.subject == .vault(Fixture.key("WORM_vault")))
    }

    @Test func worstFirstPutsFailuresOnTopAndKeepsReportOrderWithinAVerdict() {
        var s = Fixture.app()
        keys(&s, [.char("4"), .char("s")])
        let verdicts = s.guardrailRows.map(\.result.verdict)
        #expect(verdicts == verdicts.sorted(by: >))
        #expect(s.guardrailRows.first?.result.checkId == "org.scp.backup_guardrail", "the account's, first in report order")
    }

    @Test func enterShowsTheCheckAndScrollingStopsAtItsEnd() throws {
        var s = Fixture.app(width: 60, height: 14)
        keys(&s, [.char("4"), .char("/")] + "could still".map { .char($0) } + [.enter, .char("g"), .enter])
        guard case .checkDetail(let id) = s.screen else {
            Issue.record("Enter should open the check")
            return
        }
        _ = id
        let end = DetailScreen.maxScroll(s)
        #expect(end > 0)
        keys(&s, Array(repeating: .down, count: end + 10))
        #expect(s.detailScroll == end)
        keys(&s, [.char("g")])
        #expect(s.detailScroll == 0)
        keys(&s, [.escape])
        #expect(s.screen == .list)
    }

    @Test func theGracePeriodCountdownInTheVerdictTicksAndTurnsToAPassAtTheLockDate() throws {
        var s = Fixture.app()
        keys(&s, [.char("4")])
        func mode() -> PostureResult? {
            s.guardrailRows.first { $0.subjectText == "WORM_vault" && $0.result.checkId == "vault.lock.mode" }?.result
        }
        _ = Update.apply(.tick(Fixture.lockDate - 2), to: &s)
        #expect(mode()?.verdict == .warn)
        #expect(mode()?.deadline == Fixture.lockDate)
        s.selectedCheck = s.guardrailRows.first { $0.subjectText == "WORM_vault" && $0.result.checkId == "vault.lock.mode" }?.id
        #expect(View.render(s).text.contains("Permanent in 00:00:02, at 2026-11-25 10:12:38 UTC"))
        _ = Update.apply(.tick(Fixture.lockDate - 1), to: &s)
        #expect(View.render(s).text.contains("Permanent in 00:00:01,"), "the pane counts down every second")
        _ = Update.apply(.tick(Fixture.lockDate), to: &s)
        #expect(mode()?.verdict == .pass, "judged again the instant the lock becomes permanent")
    }

    @Test func aBrokenChainIsInTheHeaderOnEveryScreen() {
        var s = Fixture.app()
        var snapshot = s.snapshot
        snapshot.brokenChains = ["acks.jsonl"]
        _ = Update.apply(.snapshot(snapshot), to: &s)
        for key: Key in [.char("1"), .char("3"), .char("4")] {
            _ = Update.apply(.key(key), to: &s)
            #expect(View.render(s).text.split(separator: "\n").first?.contains("CHAIN BROKEN: acks.jsonl (!)") == true)
        }
    }

    @Test func everyWordOfTheFilterMustMatch() {
        var s = Fixture.app()
        keys(&s, [.char("4"), .char("/")] + "FAIL scratch".map { .char($0) } + [.enter])
        #expect(!s.guardrailRows.isEmpty)
        #expect(s.guardrailRows.allSatisfy { $0.subjectText == "scratch" && $0.result.verdict == .fail })
    }

    @Test func withoutASetupTheTabSaysSo() {
        var s = AppState(snapshot: AccountSnapshot(state: Fixture.state, sourceName: "demo"), now: Fixture.now)
        keys(&s, [.char("4")])
        #expect(s.guardrailRows.isEmpty)
        let text = View.render(s).text
        #expect(text.contains("Guardrail checks are not configured for this dashboard."))
    }

    @Test func aPolicyChangeInTheStoreIsJudgedAtOnce() {
        var s = Fixture.app()
        keys(&s, [.char("4")])
        func denies() -> PostureVerdict? {
            s.guardrailRows.first {
                $0.subjectText == "WORM_vault" && $0.result.checkId == "vault.policy.denies_deletion"
            }?.result.verdict
        }
        #expect(denies() == .pass)
        var state = s.snapshot.state
        state.apply(.policy(.accessPolicy(of: Fixture.key("WORM_vault"), document: nil, at: Fixture.now)))
        _ = Update.apply(.snapshot(AccountSnapshot(state: state, sourceName: "demo", generation: 2)), to: &s)
        #expect(denies() == .fail)
    }
}
