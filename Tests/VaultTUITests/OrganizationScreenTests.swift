import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// A store of several accounts and regions, as an organization's alert feeds fill it: each vault
/// and alert says where it is, the filter finds them by account or region, and the header counts
/// the new alerts of each account.
@Suite struct OrganizationScreenTests {
    static let member = "444455556666"

    static var state: AccountState {
        var state = Fixture.state
        let vault = Vault(
            name: "member-vault", arn: "arn:aws:backup:eu-west-1:\(member):backup-vault:member-vault", accountId: member,
            region: "eu-west-1", creationDate: Fixture.now.addingTimeInterval(-Fixture.days(90)),
            encryptionKeyType: .awsOwned, lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 35))
        state.apply(.vault(vault))
        let calls = [
            ApiCall(
                id: "member-1", time: Fixture.now.addingTimeInterval(-600), action: "DeleteBackupVault",
                principal: .role("DevOps", session: "bob", account: member), sourceIPAddress: "198.51.100.4", vaultName: "member-vault",
                accountId: member, region: "eu-west-1"),
            ApiCall(
                id: "member-2", time: Fixture.now.addingTimeInterval(-60), action: "PutBackupVaultLockConfiguration",
                principal: .root(account: member), vaultName: "member-vault", errorCode: "AccessDenied", errorMessage: "denied by an SCP",
                accountId: member, region: "eu-west-1"),
        ]
        for call in calls {
            state.apply(.call(call))
            if let alert = Fixture.rule.evaluate(call) { state.apply(.alert(alert)) }
        }
        return state
    }

    static func app(width: Int, height: Int) -> AppState {
        AppState(
            snapshot: AccountSnapshot(state: state, sourceName: "sqs central-backup-alerts", generation: 1), now: Fixture.now,
            width: width, height: height, identity: "tester@host", guardrailSetup: Fixture.guardrails)
    }

    func keys(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { _ = Update.apply(.key(k), to: &state) }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func vaultsAndAlertsSayWhereTheyAre(width: Int, height: Int) throws {
        var s = Self.app(width: width, height: height)
        try ScreenExpectations.check(View.render(s), named: "org-vaults-\(width)x\(height)")
        keys(&s, [.char("3")])
        try ScreenExpectations.check(View.render(s), named: "org-alerts-\(width)x\(height)")
    }

    @Test func theHeaderCountsEachAccountsNewAlerts() {
        let header = View.render(Self.app(width: 160, height: 40)).line(0)
        #expect(header.contains("2 accounts · 2 regions"))
        #expect(header.contains("111122223333: 3 · 444455556666: 2 │ synced just now │ 5 new alerts"))
    }

    @Test func theFilterFindsAnAccountOrARegion() {
        var s = Self.app(width: 120, height: 40)
        keys(&s, [.char("3"), .char("/")] + Self.member.map { .char($0) } + [.enter])
        #expect(s.alertRows.map(\.callId) == ["member-2", "member-1"])
        keys(&s, [.escape, .char("1"), .char("/")] + "eu-west".map { .char($0) } + [.enter])
        #expect(s.vaultRows.map(\.name) == ["member-vault"])
    }
}
