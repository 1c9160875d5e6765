import Foundation
import Testing
import VaultCore

@Suite struct AlertRuleTests {
    let rule = AlertRule.seed(account: Fixture.account)

    @Test func seedRuleNamesTheTwoAdminRoles() {
        #expect(rule.name == AlertRule.defaultName)
        #expect(
            rule.adminArns == [
                "arn:aws:iam::111122223333:role/BackupVaultAdmin",
                "arn:aws:iam::111122223333:role/AWSCloudFormationStackSetExecutionRole",
            ])
        #expect(rule.vaultNames == nil)
        #expect(rule.sensitiveActions.count == 11)
    }

    @Test func deniedSensitiveCallByNonAdminIsAWarning() throws {
        let call = Fixture.call("evt-1", by: Fixture.alice, errorCode: "AccessDenied")
        let alert = try #require(rule.evaluate(call))
        #expect(alert.severity == .warning)
        #expect(alert.outcome == "AccessDenied")
        #expect(alert.errorMessage == "explicit deny in a service control policy")
        #expect(alert.id == "940ac600c414dbc4")
        #expect(alert.callId == "evt-1")
        #expect(alert.time == call.time)
        #expect(alert.action == "DeleteRecoveryPoint")
        #expect(alert.principal == Fixture.alice)
        #expect(alert.vaultName == "central-backup-vault")
        #expect(alert.ruleName == AlertRule.defaultName)
        #expect(alert.sourceIPAddress == "203.0.113.7")
    }

    @Test func succeededSensitiveCallByNonAdminIsCritical() throws {
        let alert = try #require(rule.evaluate(Fixture.call("evt-2", by: Fixture.alice, errorCode: nil)))
        #expect(alert.severity == .critical)
        #expect(alert.outcome == "succeeded")
        #expect(alert.errorMessage == nil)
    }

    @Test func severityOrder() {
        #expect(Alert.Severity.warning < .critical)
        #expect(!(Alert.Severity.critical < .warning))
        #expect(!(Alert.Severity.critical < .critical))
    }

    @Test(arguments: [
        Principal.role("BackupVaultAdmin", session: "bob", account: Fixture.account),
        Principal.role("AWSCloudFormationStackSetExecutionRole", session: "stackset", account: Fixture.account),
    ])
    func adminSessionRaisesNothing(_ admin: Principal) {
        #expect(rule.isAdmin(admin))
        #expect(rule.evaluate(Fixture.call("evt-3", by: admin, errorCode: nil)) == nil)
    }

    @Test func adminRoleNameInAnotherAccountIsNotAdmin() {
        let foreign = Principal.role("BackupVaultAdmin", session: "bob", account: "999988887777")
        #expect(!rule.isAdmin(foreign))
        #expect(rule.evaluate(Fixture.call("evt-4", by: foreign)) != nil)
    }

    @Test(arguments: [Fixture.root, Fixture.ciUser])
    func rootAndIamUsersAreNotAdmins(_ p: Principal) {
        #expect(rule.evaluate(Fixture.call("evt-5", by: p))?.principal == p)
    }

    @Test func anIamUserListedAsAdminRaisesNothing() {
        let r = AlertRule(name: "r", sensitiveActions: ["DeleteRecoveryPoint"], adminArns: [Fixture.ciUser.arn])
        #expect(r.evaluate(Fixture.call("evt-6", by: Fixture.ciUser)) == nil)
    }

    @Test(arguments: AlertRule.seedSensitiveActions)
    func everySensitiveActionRaises(_ action: String) {
        #expect(rule.evaluate(Fixture.call("evt-\(action)", action: action, by: Fixture.alice))?.action == action)
    }

    @Test(arguments: ["ListBackupVaults", "DescribeBackupVault", "ListRecoveryPointsByBackupVault", "StartBackupJob"])
    func nonSensitiveActionRaisesNothing(_ action: String) {
        #expect(rule.evaluate(Fixture.call("evt-7", action: action, by: Fixture.alice, errorCode: nil)) == nil)
    }

    @Test func vaultNamesFilter() {
        var watched = rule
        watched.vaultNames = ["central-backup-vault"]
        #expect(watched.evaluate(Fixture.call("evt-8", by: Fixture.alice, vault: "central-backup-vault")) != nil)
        #expect(watched.evaluate(Fixture.call("evt-9", by: Fixture.alice, vault: "scratch-vault")) == nil)
        #expect(watched.evaluate(Fixture.call("evt-10", by: Fixture.alice, vault: nil)) == nil)
        #expect(rule.evaluate(Fixture.call("evt-11", by: Fixture.alice, vault: nil)) != nil)
    }
}

@Suite struct AlertIdTests {
    /// FNV-1a 64 reference vectors, plus an event id whose hash needs zero padding.
    @Test(arguments: [
        ("", "cbf29ce484222325"),
        ("a", "af63dc4c8601ec8c"),
        ("foobar", "85944171f73967e8"),
        ("evt-1", "940ac600c414dbc4"),
        ("evt-2", "940ac900c414e0dd"),
        ("evt-25300", "00a4fd8e07b31619"),
    ])
    func idIsFnv1aInSixteenHexDigits(_ eventId: String, _ id: String) {
        #expect(Alert.id(forCall: eventId) == id)
    }

    @Test(arguments: ["", "x", "6f9c2d1e-0000-4a4b-9c9d-1234567890ab", "evt-25300", String(repeating: "z", count: 500)])
    func idIsAlwaysSixteenLowercaseHexDigits(_ eventId: String) {
        let id = Alert.id(forCall: eventId)
        #expect(id.count == 16)
        #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func idIsStableAndDerivedFromTheEvent() {
        let call = Fixture.call("6f9c2d1e-0000-4a4b-9c9d-1234567890ab", by: Fixture.alice)
        let a = Alert(raisedBy: "r", for: call)
        let b = Alert(raisedBy: "other rule", for: call)
        #expect(a.id == b.id)
        #expect(a.id == Alert.id(forCall: call.id))
        #expect(a.shortId == String(a.id.prefix(8)))
        #expect(a.shortId.count == 8)
    }

    /// The short id of an id from outside (a hostile store) is its first eight characters, as
    /// `prefix(8)` counts them, however its bytes are made.
    @Test(arguments: [
        "", "abc", "0123456", "01234567", "012345678", "0123456789abcdef", "0123456\r\n9", "012345\r\n89", "0123456\r",
        "01234567\u{0301}x", "0123456\u{0301}78", "é1234567", "家家家家家家家家家", "🙂abcdefgh", "abcdefg\u{200D}🙂", "\u{1B}[31mred",
        "abcdefgh\u{FE0F}", "abcdefg\n\r",
    ])
    func shortIdIsTheFirstEightCharacters(id: String) {
        #expect(Alert.shortId(of: id) == String(id.prefix(8)))
    }

    @Test func differentEventIdsGiveDifferentAlertIds() {
        let ids = Set((0..<1_000).map { Alert.id(forCall: "evt-\($0)") })
        #expect(ids.count == 1_000)
        #expect(Alert.id(forCall: "evt-1") != Alert.id(forCall: "evt-2"))
    }
}

/// The default rule is an EventBridge pattern matched against the call as EventBridge delivers it.
@Suite struct AlertRulePatternTests {
    static let account = "111122223333"
    static let admin = Principal.role("BackupVaultAdmin", session: "ops", account: account)

    func call(_ action: String, by who: Principal) -> ApiCall {
        ApiCall(
            id: "e-\(action)-\(who.arn)", time: UTC.date(year: 2026, month: 11, day: 23), action: action, principal: who,
            vaultName: "central-backup-vault", errorCode: "AccessDenied", accountId: Self.account, region: "us-east-1")
    }

    @Test func theSeedsPatternIsBlindToRootAndIAMUsers() {
        let seeds = EventPattern.seedRule(admins: AlertRule.seed(account: Self.account).adminArns)
        #expect(seeds.matches(call("DeleteRecoveryPoint", by: .role("DevOps", session: "alice", account: Self.account)).eventBridgeEvent))
        #expect(!seeds.matches(call("DeleteRecoveryPoint", by: .root(account: Self.account)).eventBridgeEvent))
        #expect(!seeds.matches(call("DeleteRecoveryPoint", by: .user("ci-deployer", account: Self.account)).eventBridgeEvent))
    }

    @Test(arguments: [
        (Principal.role("DevOps", session: "alice", account: account), true),
        (Principal.root(account: account), true),
        (Principal.user("ci-deployer", account: account), true),
        (admin, false),
        (Principal.role("AWSCloudFormationStackSetExecutionRole", session: "s", account: account), false),
    ])
    func theDefaultRuleAlertsOnEveryNonAdmin(who: Principal, alerts: Bool) {
        let rule = AlertRule.seed(account: Self.account)
        #expect((rule.evaluate(call("DeleteBackupVaultLockConfiguration", by: who)) != nil) == alerts)
        #expect(rule.evaluate(call("ListBackupVaults", by: who)) == nil)
    }

    @Test func theEventCarriesWhatPatternsLookAt() throws {
        let event = call("DeleteRecoveryPoint", by: .role("DevOps", session: "alice", account: Self.account)).eventBridgeEvent
        guard case .object(let top) = event, case .object(let detail)? = top["detail"],
            case .object(let identity)? = detail["userIdentity"]
        else { Issue.record("not an EventBridge event: \(event)"); return }
        #expect(top["source"] == .string("aws.backup"))
        #expect(top["detail-type"] == .string("AWS API Call via CloudTrail"))
        #expect(detail["eventName"] == .string("DeleteRecoveryPoint"))
        #expect(detail["errorCode"] == .string("AccessDenied"))
        #expect(identity["type"] == .string("AssumedRole"))
    }
}
