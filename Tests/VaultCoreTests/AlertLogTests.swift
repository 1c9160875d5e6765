import Foundation
import Testing

@testable import VaultCore

/// The account state's alerts: a list that copies share run by run, so taking in an alert while
/// the screen holds a snapshot copies one run of 1,024, not every alert held.
@Suite struct AlertLogTests {
    let rule = AlertRule.seed(account: Fixture.account)

    private func alert(_ n: Int) -> Alert {
        Alert(raisedBy: rule.name, for: Fixture.call("evt-\(n)", by: Fixture.alice, errorCode: "AccessDenied"))
    }

    private func log(_ count: Int) -> (AlertLog, [Alert]) {
        let alerts = (0..<count).map(alert)
        var log = AlertLog()
        for a in alerts { log.append(a) }
        return (log, alerts)
    }

    @Test("alerts come back in order across the runs' edges", arguments: [0, 1, 1_023, 1_024, 1_025, 2_048, 3_000])
    func inOrder(count: Int) {
        let (log, alerts) = log(count)
        #expect(log.count == count)
        #expect(Array(log) == alerts)
        #expect(log.runs.count == (count + 1_023) / 1_024)
        for i in [0, 1_023, 1_024, count - 1] where i >= 0 && i < count {
            #expect(log[i] == alerts[i])
            #expect(log.withAlert(at: i) { $0.pointee.callId } == "evt-\(i)")
        }
        #expect(log == AlertLog(alerts))
    }

    @Test("a copy keeps what it held however the log it came from changes, and shares its full runs")
    func copiesAreValues() {
        var (log, alerts) = log(2_500)
        let snapshot = log
        log.append(alert(9_999))
        log[10] = alert(8_888)
        log[2_400] = alert(7_777)
        #expect(snapshot.count == 2_500)
        #expect(Array(snapshot) == alerts)
        #expect(log.count == 2_501)
        #expect(log[10].callId == "evt-8888" && log[2_400].callId == "evt-7777" && log[2_500].callId == "evt-9999")
        // The run changed in the middle and the last were copied; the other full run is shared.
        #expect(log.runs[0] !== snapshot.runs[0])
        #expect(log.runs[1] === snapshot.runs[1])
        #expect(log.runs[2] !== snapshot.runs[2])
        // Changing the copy leaves the log alone too.
        var copy = snapshot
        copy[1_500] = alert(6_666)
        #expect(snapshot[1_500] == alerts[1_500])
        #expect(log[1_500] == alerts[1_500])
    }

    @Test("a log held alone changes in place")
    func aloneInPlace() {
        var (log, _) = log(1_500)
        let before = ObjectIdentifier(log.runs[1])
        log.append(alert(5_000))
        log[1_200] = alert(5_001)
        #expect(ObjectIdentifier(log.runs[1]) == before)
    }

    @Test("logs are equal when their alerts are, however they were built")
    func equality() {
        let (a, alerts) = log(1_100)
        var b = AlertLog()
        b.reserveCapacity(5_000)
        for x in alerts { b.append(x) }
        #expect(a == b)
        var c = b
        c[1_050] = alert(4_242)
        #expect(c != a)
        c[1_050] = alerts[1_050]
        #expect(c == a)
        var d = a
        d.append(alert(1))
        #expect(d != a)
    }

    /// The account state's snapshot the screen holds is not changed by what the worker applies
    /// after it, and the worker's state does not copy the alerts it already held.
    @Test("an account state's snapshot keeps its alerts while the state takes in more")
    func snapshotOfState() {
        var state = AccountState()
        state.apply((0..<2_100).map { .alert(alert($0)) })
        let snapshot = state
        state.apply([.alert(alert(50_000))])
        #expect(snapshot.alerts.count == 2_100)
        #expect(state.alerts.count == 2_101)
        #expect(state.alerts.runs[0] === snapshot.alerts.runs[0])
        #expect(state.alerts.runs[1] === snapshot.alerts.runs[1])
        #expect(snapshot.alert(id: alert(50_000).id) == nil)
        #expect(state.alert(id: alert(50_000).id)?.callId == "evt-50000")
    }

    @Test("a slice from within a run reads on across the runs after it")
    func slices() {
        let (log, alerts) = log(2_100)
        #expect(Array(log[1_020...]) == Array(alerts[1_020...]))
        #expect(Array(log[1_000..<1_030]).map(\.callId) == (1_000..<1_030).map { "evt-\($0)" })
    }

    /// As the dashboard does: one thread reads a snapshot while another appends to, and replaces
    /// alerts in, the log it came from. The snapshot's alerts stay what they were throughout.
    @Test("a snapshot read on one thread while the log it came from changes on another")
    func readWhileAnotherThreadChanges() async {
        var (log, alerts) = log(3_000)
        let snapshot = log
        let reader = Task.detached {
            var mismatches = 0
            for _ in 0..<20 {
                for i in stride(from: 0, to: snapshot.count, by: 7) where snapshot[i].callId != "evt-\(i)" { mismatches += 1 }
            }
            return mismatches + (snapshot.count == 3_000 ? 0 : 1)
        }
        for n in 0..<3_000 {
            log.append(alert(10_000 + n))
            log[n % 2_900] = alert(20_000 + n)
        }
        #expect(await reader.value == 0)
        #expect(Array(snapshot) == alerts)
        #expect(log.count == 6_000)
    }
}
