import Foundation
import Synchronization
import Testing

@testable import VaultCore

/// Where each alert id is: an index the account state shares with its snapshots, read by each
/// below its own count of alerts, so the worker taking in alerts after a snapshot copies nothing.
@Suite struct AlertIdIndexTests {
    let rule = AlertRule.seed(account: Fixture.account)

    private func alert(_ n: Int) -> Alert {
        Alert(raisedBy: rule.name, for: Fixture.call("evt-\(n)", by: Fixture.alice, errorCode: "AccessDenied"))
    }

    private func acknowledgement(_ n: Int, of alert: Int) -> Record {
        .acknowledgement(Acknowledgement(id: "ack-\(n)", alertId: self.alert(alert).id, by: "ops@host", at: Fixture.now, note: nil))
    }

    private func state(_ count: Int) -> AccountState {
        var state = AccountState()
        state.apply((0..<count).map { .alert(alert($0)) })
        return state
    }

    @Test("a snapshot finds the alerts it holds, and none the state took in after it")
    func snapshotsFindTheirOwn() {
        var state = state(1_500)
        let snapshot = state
        state.apply((1_500..<1_600).map { .alert(alert($0)) })
        state.apply([.alert(alert(7))])  // raised again: it keeps its place
        for n in [0, 7, 1_499] {
            #expect(snapshot.alert(id: alert(n).id)?.callId == "evt-\(n)")
            #expect(state.alert(id: alert(n).id)?.callId == "evt-\(n)")
        }
        for n in [1_500, 1_599] {
            #expect(snapshot.alert(id: alert(n).id) == nil)
            #expect(state.alert(id: alert(n).id)?.callId == "evt-\(n)")
        }
        #expect(state.alerts.count == 1_600 && snapshot.alerts.count == 1_500)
        #expect(state.unacknowledgedAlertCount == 1_600 && snapshot.unacknowledgedAlertCount == 1_500)
    }

    /// Two copies changed apart (not the worker's way, but a value must allow it): each takes in
    /// alerts of its own, the same id too, and each finds only its own.
    @Test("copies changed apart each keep their own places")
    func copiesPartWays() {
        let base = state(1_000)
        var first = base
        var second = base
        first.apply([.alert(alert(5_000)), .alert(alert(5_001))])
        second.apply([.alert(alert(6_000)), .alert(alert(5_001))])
        first.apply([.alert(alert(5_002))])
        second.apply([.alert(alert(6_001))])
        #expect(first.alerts.map(\.callId).suffix(3) == ["evt-5000", "evt-5001", "evt-5002"])
        #expect(second.alerts.map(\.callId).suffix(3) == ["evt-6000", "evt-5001", "evt-6001"])
        #expect(first.alert(id: alert(5_001).id) == first.alerts[1_001])
        #expect(second.alert(id: alert(5_001).id) == second.alerts[1_001])
        #expect(first.alert(id: alert(6_000).id) == nil && second.alert(id: alert(5_000).id) == nil)
        #expect(base.alert(id: alert(5_001).id) == nil && base.alerts.count == 1_000)
        // An acknowledgement finds its alert in the copy that holds it only.
        first.apply(acknowledgement(1, of: 5_002))
        second.apply(acknowledgement(2, of: 5_002))
        #expect(first.unacknowledgedAlertCount == 1_002 && second.unacknowledgedAlertCount == 1_003)
        // The same records applied afresh give an equal state.
        var again = state(1_000)
        again.apply([.alert(alert(5_000)), .alert(alert(5_001)), .alert(alert(5_002)), acknowledgement(1, of: 5_002)])
        #expect(again == first && again != second)
    }

    @Test("a state that fell behind and takes in an alert no longer sees the places given out after it")
    func behindThenAhead() {
        var state = state(10)
        let old = state
        state.apply((10..<20).map { .alert(alert($0)) })
        var revived = old
        revived.apply([.alert(alert(15))])  // at place 10 here, at 15 in `state`
        #expect(revived.alerts.count == 11 && revived.alert(id: alert(15).id) == revived.alerts[10])
        #expect(revived.alert(id: alert(12).id) == nil)
        #expect(state.alert(id: alert(15).id) == state.alerts[15])
        state.apply([.alert(alert(20))])
        #expect(state.alert(id: alert(20).id) == state.alerts[20] && revived.alert(id: alert(20).id) == nil)
    }

    @Test("the worker's state and its snapshots share one index, however far behind a snapshot is")
    func sharedNotCopied() {
        var state = state(100)
        let snapshot = state
        state.apply((100..<200).map { .alert(alert($0)) })
        #expect(state.alertIndex === snapshot.alertIndex)
        // A snapshot behind it that re-raises one of its own alerts, or takes in the very alert the
        // index holds next, goes on sharing it; any other alert gives it an index of its own.
        var behind = snapshot
        behind.apply([.alert(alert(7)), .alert(alert(100))])
        #expect(behind.alertIndex === state.alertIndex && behind.alerts.count == 101)
        #expect(behind.alert(id: alert(100).id) == behind.alerts[100] && behind.alert(id: alert(101).id) == nil)
        behind.apply([.alert(alert(9_000))])
        #expect(behind.alertIndex !== state.alertIndex && behind.alert(id: alert(9_000).id) == behind.alerts[101])
        #expect(state.alert(id: alert(9_000).id) == nil && state.alert(id: alert(101).id) == state.alerts[101])
    }

    @Test("an acknowledgement a snapshot behind takes in, of an alert it does not hold, counts nothing")
    func acknowledgementOfAnAlertNotHeld() {
        var state = state(100)
        var behind = state
        state.apply((100..<150).map { .alert(alert($0)) })
        behind.apply(acknowledgement(1, of: 120))
        #expect(behind.unacknowledgedAlertCount == 100)
        #expect(behind.unacknowledgedAlertsByAccount.values.reduce(0, +) == 100)
        state.apply(acknowledgement(1, of: 120))
        #expect(state.unacknowledgedAlertCount == 149)
    }

    /// As the dashboard does: the screen looks alerts up by id in its snapshot while the worker
    /// takes in thousands more on another thread. The reader looks up until the writer is done,
    /// and the writer starts only once the reader has, so the two overlap.
    @Test("a snapshot looked up on one thread while the state takes in alerts on another")
    func lookUpWhileAnotherThreadAppends() async {
        var state = state(2_000)
        let snapshot = state
        let started = Atomic<Bool>(false)
        let done = Atomic<Bool>(false)
        let ids = (0..<4_000).map { alert($0).id }
        let reader = Task.detached {
            var wrong = 0
            var rounds = 0
            repeat {
                for n in stride(from: rounds % 13, to: 4_000, by: 13) {
                    if (n < 2_000) != (snapshot.alert(id: ids[n])?.callId == "evt-\(n)") { wrong += 1 }
                }
                rounds += 1
                started.store(true, ordering: .releasing)
            } while !done.load(ordering: .acquiring)
            return (wrong, rounds)
        }
        while !started.load(ordering: .acquiring) { await Task.yield() }
        for n in 2_000..<4_000 { state.apply(.alert(alert(n))) }
        done.store(true, ordering: .releasing)
        let (wrong, rounds) = await reader.value
        #expect(wrong == 0 && rounds >= 2)
        #expect(state.alerts.count == 4_000 && state.alert(id: alert(3_999).id)?.callId == "evt-3999")
    }
}
