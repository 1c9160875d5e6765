import Foundation
import Testing
import VaultCore

/// The alert pipeline checked by running the rules on the events CloudTrail would deliver.
@Suite struct AlertCoveragePostureTests {
    let admins = AlertRule.seed(account: Fixture.account).adminArns

    func results(_ rules: [AlertRule]) -> [String: PostureResult] {
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        let report = PostureChecks.evaluate(
            GuardrailInputs(state: state, rules: rules, settings: .seed(account: Fixture.account)), at: Fixture.now)
        return Dictionary(uniqueKeysWithValues: report.results.map { ($0.checkId, $0) })
    }

    @Test func theDefaultRuleCoversEveryActionForEveryKindOfPrincipal() {
        let r = results([AlertRule.seed(account: Fixture.account)])
        #expect(r["alerts.rule.covers_sensitive_actions"]?.verdict == .pass)
        #expect(r["alerts.rule.enabled"]?.verdict == .pass)
    }

    /// The seeds' pattern matches `sessionIssuer.arn` anything-but the admins: root and IAM users
    /// have no session issuer, so they are never matched.
    @Test func theSeedsOwnPatternMissesRootAndIAMUsers() throws {
        let rule = try AlertRule.definition(
            Data(EventPatternSeedRuleTests.documentedRule.utf8), fallbackName: "seed-pattern")
        let r = try #require(results([rule])["alerts.rule.covers_sensitive_actions"])
        #expect(r.verdict == .fail)
        #expect(r.reason == "11 of 11 sensitive actions can be called without an alert.")
        #expect(r.evidence.first == "DeleteBackupVault by an IAM user, the root user")
    }

    @Test func aMissingEventNameIsNamed() throws {
        let pattern = EventPatternSeedRuleTests.documentedRule.replacingOccurrences(of: "\"DeleteRecoveryPoint\", ", with: "")
        let text = #"{"Name":"r","State":"ENABLED","EventPattern":"# + String(reflecting: pattern) + "}"
        let rule = try AlertRule.definition(Data(text.utf8), fallbackName: "x")
        let evidence = try #require(results([rule])["alerts.rule.covers_sensitive_actions"]).evidence
        #expect(evidence.contains("DeleteRecoveryPoint by a non-admin role, an IAM user, the root user, an Identity Center role, role BackupVaultAdmin-impostor, role Impostor-BackupVaultAdmin, role AWSCloudFormationStackSetExecutionRole-impostor, role Impostor-AWSCloudFormationStackSetExecutionRole"))
    }

    /// A restore names only the recovery point and a copy its source vault: a pattern on
    /// `requestParameters.backupVaultName` never sees either.
    @Test func aPatternOnTheVaultNameMissesRestoresAndCopies() throws {
        let pattern = #"{"source":["aws.backup"],"detail":{"requestParameters":{"backupVaultName":["central-backup-vault"]}}}"#
        let rule = try AlertRule.definition(Data(pattern.utf8), fallbackName: "by-vault")
        let r = try #require(results([rule])["alerts.rule.covers_sensitive_actions"])
        #expect(r.verdict == .fail)
        #expect(r.evidence.map { String($0.prefix { $0 != " " }) } == ["StartCopyJob", "StartRestoreJob"])
    }

    @Test func disabledAndTargetlessRulesAreReported() throws {
        let disabled = try AlertRule.definition(
            Data(#"{"Name":"off","State":"DISABLED","EventPattern":"{\"source\":[\"aws.backup\"]}"}"#.utf8),
            fallbackName: "x")
        let r = results([disabled])
        #expect(r["alerts.rule.enabled"]?.verdict == .fail)
        #expect(r["alerts.rule.covers_sensitive_actions"]?.reason == "No rule is both enabled and targeted.")
        let targetless = try AlertRule.definition(
            Data(#"{"Name":"mute","EventPattern":"{\"source\":[\"aws.backup\"]}","Targets":[]}"#.utf8),
            fallbackName: "x")
        let both = results([AlertRule.seed(account: Fixture.account), targetless, disabled])
        #expect(both["alerts.rule.enabled"]?.verdict == .warn)
        #expect(both["alerts.rule.enabled"]?.evidence.contains("mute has no target") == true)
        #expect(results([])["alerts.rule.enabled"]?.reason == "No alert rule is configured.")
        #expect(results([targetless])["alerts.rule.covers_sensitive_actions"]?.verdict == .fail, "it alerts nobody")
    }
}
