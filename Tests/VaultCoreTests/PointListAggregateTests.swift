import Foundation
import Testing
import VaultCore

/// The per-vault totals screens read instead of summing points every frame, and the revisions
/// that tell a screen whether to derive its rows again.
@Suite struct PointListAggregateTests {
    static let t0 = UTC.date(year: 2026, month: 11, day: 1)

    func point(_ n: Int, size: Int64, day: Int) -> RecoveryPoint {
        RecoveryPoint(
            arn: "arn:aws:backup:us-east-1:111122223333:recovery-point:p\(n)", vaultName: "v",
            accountId: Fixture.account, region: Fixture.region,
            resourceArn: "arn:aws:ec2:us-east-1:444455556666:volume/vol-\(n)", resourceType: "EC2",
            creationDate: Self.t0.addingTimeInterval(Double(day) * 86_400), sizeBytes: size)
    }

    @Test func totalsFollowUpsertsAndRemovals() {
        var s = AccountState()
        s.apply([.recoveryPoint(point(1, size: 100, day: 1)), .recoveryPoint(point(2, size: 50, day: 3))])
        #expect(s.pointsByVault[Fixture.key("v")]?.totalBytes == 150)
        #expect(s.pointsByVault[Fixture.key("v")]?.newestCreation == Self.t0.addingTimeInterval(3 * 86_400))
        s.apply(.recoveryPoint(point(1, size: 30, day: 1)))  // a new snapshot of point 1
        #expect(s.pointsByVault[Fixture.key("v")]?.totalBytes == 80)
        s.apply(.recoveryPointRemoved(arn: point(2, size: 0, day: 0).arn, vault: Fixture.key("v"), at: Self.t0))
        #expect(s.pointsByVault[Fixture.key("v")]?.totalBytes == 30)
        #expect(s.pointsByVault[Fixture.key("v")]?.newestCreation == Self.t0.addingTimeInterval(86_400))
    }

    @Test func revisionsMoveOnlyWithWhatChanged() {
        var s = AccountState()
        s.apply(.recoveryPoint(point(1, size: 1, day: 1)))
        let (p, a) = (s.pointsRevision, s.alertsRevision)
        s.apply(.sync(SyncStatus(source: "demo", accountId: "111122223333", region: "us-east-1", at: Self.t0)))
        #expect(s.pointsRevision == p && s.alertsRevision == a)
        s.apply(.acknowledgement(Acknowledgement(id: "k", alertId: "a", by: "x", at: Self.t0, note: nil)))
        #expect(s.alertsRevision == a + 1)
        s.apply(.acknowledgement(Acknowledgement(id: "k", alertId: "a", by: "x", at: Self.t0, note: nil)))
        #expect(s.alertsRevision == a + 1)  // the same record again changes nothing
        #expect(s.acknowledgements["a"]?.count == 1)
    }
}

@Suite struct UnacknowledgedCountTests {
    func alert(_ id: String) -> Record {
        .alert(Alert(raisedBy: "r", for: ApiCall(
            id: id, time: PointListAggregateTests.t0, action: "DeleteRecoveryPoint",
            principal: .root(account: "111122223333"), accountId: "111122223333", region: "us-east-1")))
    }

    func ack(_ id: String, for call: String) -> Record {
        .acknowledgement(Acknowledgement(id: id, alertId: Alert.id(forCall: call), by: "x", at: PointListAggregateTests.t0, note: nil))
    }

    @Test func countsWhateverOrderAlertsAndAcknowledgementsArriveIn() {
        var s = AccountState()
        s.apply([alert("e1"), alert("e2"), alert("e1")])  // e1 again: the same alert
        #expect(s.unacknowledgedAlertCount == 2)
        s.apply([ack("k1", for: "e1"), ack("k2", for: "e1"), ack("k1", for: "e1")])  // a second ack, a replay
        #expect(s.unacknowledgedAlertCount == 1)
        s.apply([ack("k3", for: "e3"), alert("e3")])  // acknowledged before its alert was read
        #expect(s.unacknowledgedAlertCount == 1)
        #expect(s.unacknowledgedAlertCount == s.alerts.filter { !s.isAcknowledged($0.id) }.count)
    }
}
