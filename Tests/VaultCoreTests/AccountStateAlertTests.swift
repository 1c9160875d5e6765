import Foundation
import Testing
import VaultCore

@Suite struct AccountStateAlertTests {
    let rule = AlertRule.seed(account: Fixture.account)

    private func alert(_ eventId: String, errorCode: String? = "AccessDenied") -> Alert {
        Alert(raisedBy: rule.name, for: Fixture.call(eventId, by: Fixture.alice, errorCode: errorCode))
    }

    private func ack(_ id: String, of alertId: String, at: Date, note: String?) -> Record {
        .acknowledgement(Acknowledgement(id: id, alertId: alertId, by: "ops@host", at: at, note: note))
    }

    @Test func alertsAreDeduplicatedById() {
        var state = AccountState()
        state.apply([.alert(alert("evt-1")), .alert(alert("evt-2")), .alert(alert("evt-1", errorCode: nil))])
        #expect(state.alerts.map(\.callId) == ["evt-1", "evt-2"])
        #expect(state.alert(id: alert("evt-1").id)?.severity == .critical)
        #expect(state.alert(id: "0000000000000000") == nil)
    }

    /// Every account and region an alert was raised in is known, however they come: repeated,
    /// alternating, an alert replaced in place by one of another account, or of a legacy vault
    /// (given the home's account and region).
    @Test func accountsAndRegionsOfAlerts() {
        func raised(_ id: String, account: String, region: String, vault: String? = "v") -> Alert {
            var a = alert(id)
            a.accountId = account
            a.region = region
            a.vaultName = vault
            return a
        }
        var state = AccountState()
        let home = Vault(
            name: "home-vault", arn: "arn:aws:backup:us-east-1:111111111111:backup-vault:home-vault", accountId: "111111111111",
            region: "us-east-1", creationDate: Fixture.now)
        state.apply(.vault(home))
        state.apply([
            .alert(raised("e1", account: "222222222222", region: "eu-west-1")),
            .alert(raised("e2", account: "222222222222", region: "eu-west-1")),
            .alert(raised("e3", account: "333333333333", region: "eu-west-1")),
            .alert(raised("e4", account: "222222222222", region: "ap-south-1")),
            // e4 again, from another account and region: replaced where it is.
            .alert(raised("e4", account: "444444444444", region: "sa-east-1")),
            // Written before schema 3: its vault's account and region are the home's.
            .alert(raised("e5", account: "", region: "", vault: "home-vault")),
            .alert(raised("e6", account: "444444444444", region: "sa-east-1", vault: nil)),
        ])
        #expect(state.alerts.count == 6)
        #expect(state.alertAccountIds == ["111111111111", "222222222222", "333333333333", "444444444444"])
        #expect(state.alertRegions == ["ap-south-1", "eu-west-1", "sa-east-1", "us-east-1"])
        #expect(state.accountIds == ["111111111111", "222222222222", "333333333333", "444444444444"])
        #expect(state.spansAccountsOrRegions)
    }

    @Test func latestAcknowledgementWins() {
        var state = AccountState()
        let a = alert("evt-1")
        state.apply(.alert(a))
        state.apply(ack("ack-1", of: a.id, at: Fixture.now, note: "looking"))
        state.apply(ack("ack-2", of: a.id, at: Fixture.now + 60, note: "ticket OPS-42"))
        #expect(state.acknowledgement(of: a.id)?.id == "ack-2")
        #expect(state.acknowledgement(of: a.id)?.note == "ticket OPS-42")
        #expect(state.acknowledgements[a.id]?.count == 2)
        #expect(state.acknowledgement(of: alert("evt-2").id) == nil)
    }

    @Test func unacknowledgedAlertCount() {
        var state = AccountState()
        let a1 = alert("evt-1"), a2 = alert("evt-2"), a3 = alert("evt-3")
        state.apply([.alert(a1), .alert(a2), .alert(a3)])
        #expect(state.unacknowledgedAlertCount == 3)
        state.apply(ack("ack-1", of: a2.id, at: Fixture.now, note: nil))
        state.apply(ack("ack-2", of: a2.id, at: Fixture.now, note: nil))
        #expect(state.isAcknowledged(a2.id))
        #expect(!state.isAcknowledged(a1.id))
        #expect(state.unacknowledgedAlertCount == 2)
        // An acknowledgement of an alert not (yet) known does not change the count.
        state.apply(ack("ack-3", of: "ffffffffffffffff", at: Fixture.now, note: nil))
        #expect(state.unacknowledgedAlertCount == 2)
    }

    @Test func alertIdsWithPrefix() {
        var state = AccountState()
        // evt-1 → 940ac600…, evt-2 → 940ac900…, evt-25300 → 00a4fd8e…
        state.apply([.alert(alert("evt-1")), .alert(alert("evt-2")), .alert(alert("evt-25300"))])
        #expect(state.alertIds(withPrefix: "940ac") == ["940ac600c414dbc4", "940ac900c414e0dd"])
        #expect(state.alertIds(withPrefix: "940AC6") == ["940ac600c414dbc4"])
        #expect(state.alertIds(withPrefix: "00a4") == ["00a4fd8e07b31619"])
        #expect(state.alertIds(withPrefix: "").count == 3)
        #expect(state.alertIds(withPrefix: "abc").isEmpty)
    }

    @Test func duplicateCallsAreIgnored() {
        var state = AccountState()
        let call = Fixture.call("evt-1", by: Fixture.alice)
        var changed = call
        changed.errorCode = nil
        state.apply([.call(call), .call(Fixture.call("evt-2", by: Fixture.root)), .call(changed)])
        #expect(state.calls.map(\.id) == ["evt-1", "evt-2"])
        #expect(state.calls.first?.errorCode == "AccessDenied")
    }
}

@Suite struct AccountStateSyncTests {
    @Test func latestInstantIsTheNewestNotTheLast() {
        var state = AccountState()
        #expect(state.latestInstant == nil)
        let t = Fixture.now
        state.apply(.vault(Fixture.vault()))  // created 2026-01-01
        #expect(state.latestInstant == UTC.date(year: 2026, month: 1, day: 1))
        state.apply(.call(Fixture.call("evt-1", by: Fixture.alice, at: t + 120)))
        state.apply(.recoveryPoint(Fixture.point(created: t)))
        state.apply(.recoveryPointRemoved(arn: "x", vault: Fixture.key("y"), at: t + 60))
        #expect(state.latestInstant == t + 120)
        state.apply(.acknowledgement(Acknowledgement(id: "a", alertId: "b", by: "ops@host", at: t + 121, note: nil)))
        #expect(state.latestInstant == t + 121)
    }

    @Test func failedSyncDoesNotMoveLastGoodSync() {
        var state = AccountState()
        let good = SyncStatus(source: "aws", accountId: Fixture.account, region: Fixture.region, at: Fixture.now)
        let bad = SyncStatus(
            source: "aws", accountId: Fixture.account, region: Fixture.region, at: Fixture.now + 30,
            error: "ServiceUnavailableException")
        state.apply(.sync(good))
        #expect(state.lastSync == good)
        #expect(state.lastGoodSync == good)
        state.apply(.sync(bad))
        #expect(state.lastSync == bad)
        #expect(state.lastGoodSync == good)
        #expect(state.latestInstant == Fixture.now + 30)
        let again = SyncStatus(source: "aws", accountId: Fixture.account, region: Fixture.region, at: Fixture.now + 60)
        state.apply(.sync(again))
        #expect(state.lastGoodSync == again)
    }

    @Test func recordsNameTheirType() {
        let ack = Record.acknowledgement(Acknowledgement(id: "a", alertId: "b", by: "ops@host", at: Fixture.now, note: nil))
        #expect(Record.vaultRemoved(Fixture.key("a"), at: Fixture.now).type.rawValue == "vault-removed")
        #expect(Record.recoveryPoint(Fixture.point(in: "v")).type == .recoveryPoint)
        #expect(ack.type == .acknowledgement)
    }
}
