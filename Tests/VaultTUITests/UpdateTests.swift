import Foundation
import Testing
import VaultCore

@testable import VaultTUI

@Suite struct UpdateTests {
    @discardableResult
    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Update.apply(.key($0), to: &s) }
    }

    @Test func tabsSwitchByNumberTabAndBackTab() {
        var s = Fixture.app()
        press(&s, .char("3"))
        #expect(s.tab == .alerts)
        press(&s, .tab)
        #expect(s.tab == .guardrails)
        press(&s, .tab)
        #expect(s.tab == .vaults)
        press(&s, .backTab)
        #expect(s.tab == .guardrails)
    }

    @Test func movementIsClampedAndPagesByVisibleRows() {
        var s = Fixture.app()
        press(&s, .up)
        #expect(s.selectedIndex(.vaults) == 0)
        press(&s, .char("G"))
        #expect(s.selectedIndex(.vaults) == 3)
        press(&s, .down, .down)
        #expect(s.selectedIndex(.vaults) == 3)
        press(&s, .char("g"))
        #expect(s.currentVault?.name == "central-backup-vault")  // names sort ignoring case
    }

    @Test func acknowledgingAsksForANoteAndEmitsTheEffect() {
        var s = Fixture.app()
        press(&s, .char("3"))
        let target = s.currentAlert!
        #expect(!s.account.isAcknowledged(target.id))
        press(&s, .char("a"))
        #expect(s.overlay == .acknowledge(AcknowledgementDraft(alertId: target.id)))
        // Letters go to the note, not to actions: q does not quit, j does not move.
        let typed = press(&s, .char("q"), .char("j"), .backspace, .char(" "), .char("o"), .char("k"))
        #expect(typed.isEmpty)
        let effects = press(&s, .enter)
        #expect(effects == [.acknowledge(alertId: target.id, note: "q ok")])
        #expect(s.overlay == .none)
        #expect(s.acknowledging.contains(target.id))
        _ = Update.apply(.acknowledged(alertId: target.id, error: nil), to: &s)
        #expect(s.status?.contains("tester@host") == true)
        // Until the record is on screen, the alert cannot be acknowledged a second time.
        #expect(s.acknowledging == [target.id])
        #expect(press(&s, .char("a")).isEmpty)
        #expect(s.overlay == .none)
        var account = Fixture.state
        account.apply(.acknowledgement(Acknowledgement(id: "ack-2", alertId: target.id, by: "tester@host", at: Fixture.now, note: "q ok")))
        _ = Update.apply(.snapshot(AccountSnapshot(state: account, generation: 2)), to: &s)
        #expect(s.acknowledging.isEmpty)
        #expect(s.account.acknowledgement(of: target.id)?.note == "q ok")
    }

    @Test func whilePausedAnAcknowledgedAlertCannotBeAcknowledgedAgain() {
        var s = Fixture.app()
        press(&s, .char("3"), .char("p"))
        let target = s.currentAlert!
        press(&s, .char("a"))
        #expect(press(&s, .enter) == [.acknowledge(alertId: target.id, note: nil)])
        var account = Fixture.state
        account.apply(.acknowledgement(Acknowledgement(id: "ack-3", alertId: target.id, by: "tester@host", at: Fixture.now, note: nil)))
        _ = Update.apply(.snapshot(AccountSnapshot(state: account, generation: 2)), to: &s)  // held back
        _ = Update.apply(.acknowledged(alertId: target.id, error: nil), to: &s)
        #expect(s.snapshot.generation == 1)
        #expect(press(&s, .char("a")).isEmpty)
        #expect(s.overlay == .none)
    }

    @Test func aFailedAcknowledgementCanBeTriedAgain() {
        var s = Fixture.app()
        press(&s, .char("3"), .char("a"))
        let target = s.currentAlert!
        press(&s, .enter)
        _ = Update.apply(.acknowledged(alertId: target.id, error: "store is full"), to: &s)
        #expect(s.acknowledging.isEmpty)
        #expect(s.statusIsError)
        press(&s, .char("a"))
        #expect(s.overlay == .acknowledge(AcknowledgementDraft(alertId: target.id)))
    }

    @Test func escapeCancelsAnAcknowledgement() {
        var s = Fixture.app()
        press(&s, .char("3"), .char("a"), .char("x"))
        #expect(press(&s, .escape).isEmpty)
        #expect(s.overlay == .none)
    }

    @Test func analreadyAcknowledgedAlertIsNotAcknowledgedTwice() {
        var s = Fixture.app()
        press(&s, .char("3"), .char("G"))  // the oldest alert, acknowledged in the fixture
        #expect(s.account.isAcknowledged(s.currentAlert!.id))
        press(&s, .char("a"))
        #expect(s.overlay == .none)
        #expect(s.status?.hasPrefix("Already acknowledged by sam@ops") == true)
    }

    @Test func readOnlyRemovesAcknowledgement() {
        var s = AppState(
            snapshot: AccountSnapshot(state: Fixture.state), now: Fixture.now, readOnly: true)
        press(&s, .char("3"), .char("a"))
        #expect(s.overlay == .none)
        #expect(s.keyMap.action(for: .char("a"), in: .alerts) == nil)
    }

    @Test func filterTakesLettersAndEscapeClearsIt() {
        var s = Fixture.app()
        press(&s, .char("2"), .char("/"), .char("q"), .char("w"))
        #expect(s.filter == .editing("qw"))
        press(&s, .backspace, .backspace)
        for c in "worm" { press(&s, .char(c)) }
        #expect(s.pointRows.allSatisfy { $0.vaultName == "WORM_vault" })
        #expect(s.pointRows.count == 2)
        press(&s, .enter)
        #expect(s.filter == .applied("worm"))
        press(&s, .escape)
        #expect(s.filter == .off)
        #expect(s.pointRows.count == 6)
    }

    @Test func quitIsAnEffect() {
        var s = Fixture.app()
        #expect(press(&s, .char("q")) == [.quit])
    }

    @Test func selectionFollowsTheAlertWhenNewAlertsArrive() {
        var s = Fixture.app()
        press(&s, .char("3"), .down)
        let selected = s.currentAlert!.id
        var account = Fixture.state
        let call = Fixture.call(9, "DeleteRecoveryPoint", .role("Intruder", session: "x", account: "999999999999"), vault: "WORM_vault", error: "AccessDenied", minutesAgo: 0)
        account.apply(.call(call))
        account.apply(.alert(Fixture.rule.evaluate(call)!))
        _ = Update.apply(.snapshot(AccountSnapshot(state: account, generation: 2)), to: &s)
        #expect(s.alertRows.count == 5)
        #expect(s.currentAlert?.id == selected)
    }

    @Test func pauseHoldsSnapshotsUntilResumed() {
        var s = Fixture.app()
        press(&s, .char("p"))
        _ = Update.apply(.snapshot(AccountSnapshot(state: AccountState(), generation: 9)), to: &s)
        #expect(s.snapshot.generation == 1)
        press(&s, .char("p"))
        #expect(s.snapshot.generation == 9)
        #expect(s.vaultRows.isEmpty)
    }

    @Test func enterOnAVaultThenEnterShowsItsPoints() {
        var s = Fixture.app()
        press(&s, .enter)
        #expect(s.screen == .vaultDetail(Fixture.key("central-backup-vault")))
        press(&s, .escape, .down, .enter)
        #expect(s.screen == .vaultDetail(Fixture.key("legacy-governance")))
        press(&s, .escape, .down, .enter)
        #expect(s.screen == .vaultDetail(Fixture.key("scratch")))
        press(&s, .escape, .down, .enter)
        #expect(s.screen == .vaultDetail(Fixture.key("WORM_vault")))
        press(&s, .enter)
        #expect(s.tab == .recoveryPoints)
        #expect(s.pointsVault == Fixture.key("WORM_vault"))
        #expect(s.pointRows.count == 2)
        press(&s, .escape)
        #expect(s.pointsVault == nil)
    }

    @Test func scrollKeepsTheSelectionVisible() {
        #expect(Scroll.top(current: 0, selected: 25, visible: 10, count: 100) == 16)
        #expect(Scroll.top(current: 16, selected: 3, visible: 10, count: 100) == 3)
        #expect(Scroll.top(current: 95, selected: 99, visible: 10, count: 100) == 90)
        #expect(Scroll.top(current: 5, selected: 2, visible: 10, count: 4) == 0)
    }

    @Test func sortCyclesThroughOrders() {
        var s = Fixture.app()
        press(&s, .char("s"))
        #expect(s.sortOrder.name == "weakest lock")
        #expect(s.vaultRows.first?.name == "scratch")  // weakest protection first
    }
}

@Suite struct SelectionPinningTests {
    @Test func theFirstRowStaysSelectedWhenANewerAlertArrivesAbove() {
        var s = Fixture.app()
        _ = Update.apply(.key(.char("3")), to: &s)  // nothing moved yet: the newest alert is selected
        let first = s.currentAlert!.id
        var account = Fixture.state
        let call = Fixture.call(10, "StartRestoreJob", .user("intruder", account: Fixture.account), vault: "WORM_vault", error: "AccessDenied", minutesAgo: 0)
        account.apply(.call(call))
        account.apply(.alert(Fixture.rule.evaluate(call)!))
        _ = Update.apply(.snapshot(AccountSnapshot(state: account, generation: 2)), to: &s)
        #expect(s.alertRows.first?.action == "StartRestoreJob")
        #expect(s.currentAlert?.id == first)
        #expect(s.selectedIndex(.alerts) == 1)
    }

    @Test func aSelectedRowThatVanishesLeavesTheSelectionInPlace() {
        var s = Fixture.app()
        _ = Update.apply(.key(.char("2")), to: &s)
        _ = Update.apply(.key(.down), to: &s)
        _ = Update.apply(.key(.down), to: &s)
        let gone = s.currentPoint!
        var account = AccountState()
        account.apply(Fixture.records)
        account.apply(.recoveryPointRemoved(arn: gone.arn, vault: gone.vaultKey, at: Fixture.now))
        _ = Update.apply(.snapshot(AccountSnapshot(state: account, generation: 2)), to: &s)
        #expect(s.selectedIndex(.recoveryPoints) == 2)
        #expect(s.currentPoint?.arn != gone.arn)
    }
}
