import AWSClient
import Foundation
import Testing
import TestSupport
import VaultCore

@testable import VaultSync

/// The alert checks of an account read from AWS judge that account's own EventBridge rules: none
/// means none (a FAIL that says so, not vaultwatch's default rule passing in its place), a rule
/// deleted in the account stops counting at the next whole read, and what a whole read could not
/// read stays UNKNOWN through the quick polls between whole reads. Against moto_server.
@Suite(.serialized) struct AWSAccountAlertRulesTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("vw-aws-rules-\(UUID().uuidString)").path
    static let start = UTC.date(year: 2026, month: 12, day: 3, hour: 12)
    static let pattern = #"{"source":["aws.backup"],"detail":{"eventSource":["backup.amazonaws.com"],"eventName":["DeleteBackupVault","DeleteRecoveryPoint","PutBackupVaultAccessPolicy","DeleteBackupVaultAccessPolicy","PutBackupVaultLockConfiguration","DeleteBackupVaultLockConfiguration","PutBackupVaultNotifications","DeleteBackupVaultNotifications","UpdateRecoveryPointLifecycle","StartCopyJob","StartRestoreJob"]}}"#

    /// An account read as the AWS CLI reads moto, and the state its batches build.
    final class Account {
        let source: AWSAccountSource
        var state = AccountState()
        init(_ source: AWSAccountSource) { self.source = source }

        func take(_ batch: SourceBatch) throws {
            state.apply(batch.records)
            try batch.committed?()
        }

        func judged(at now: Date) -> [String: PostureResult] {
            let inputs = GuardrailInputs(
                state: state, rules: [AlertRule.seed(account: "123456789012")], rulesAreDefaults: true,
                settings: GuardrailSettings(adminArns: ["arn:aws:iam::123456789012:role/BackupVaultAdmin"]))
            let report = PostureChecks.evaluate(inputs, at: now)
            return Dictionary(report.results.map { ("\($0.subject.vault?.name ?? "account") \($0.checkId)", $0) }) { a, _ in a }
        }
    }

    /// moto with a WORM_vault, and the account read from it.
    func started() throws -> (LocalMoto, Account) {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let moto = try LocalMoto()
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "WORM_vault"], home: home)
        let account = try account(moto)
        try account.take(try account.source.start(resuming: AccountState(), at: Self.start))
        return (moto, account)
    }

    func account(_ moto: LocalMoto) throws -> Account {
        let environment = AWSEnvironment(
            variables: [
                "HOME": home, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": moto.url, "AWS_EC2_METADATA_DISABLED": "true",
            ], home: home)
        let client = AWSClient(configuration: try AWSConfiguration(environment: environment))
        return Account(try AWSAccountSource(client: client, settings: .init(pollInterval: 60, reconcileInterval: 900)))
    }

    @Test func anAccountWithoutARuleFailsTheAlertChecksAndADeletedRuleStopsCounting() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (moto, account) = try started()
        // No rule in the account: the default rule does not pass in its place.
        var results = account.judged(at: Self.start)
        let none = try #require(results["WORM_vault alerts.rule.covers_sensitive_actions"])
        #expect(none.verdict == .fail)
        #expect(none.reason.contains("No EventBridge rule of 123456789012 us-east-1 concerns AWS Backup"), "\(none.reason)")
        #expect(results["account alerts.rule.enabled"]?.verdict == .fail)

        // The seeds' kind of rule is put in place, with a target: the next whole read judges it.
        try moto.aws(["events", "put-rule", "--name", "vault-alerts", "--event-pattern", Self.pattern], home: home)
        try moto.aws(
            ["events", "put-targets", "--rule", "vault-alerts", "--targets", #"[{"Id":"sns","Arn":"arn:aws:sns:us-east-1:123456789012:alerts"}]"#],
            home: home)
        let quick = Self.start + 60
        try account.take(try account.source.poll(at: quick))
        #expect(account.judged(at: quick)["WORM_vault alerts.rule.covers_sensitive_actions"]?.verdict == .fail, "rules are read on whole reads only")
        let whole = Self.start + 901
        try account.take(try account.source.poll(at: whole))
        results = account.judged(at: whole)
        let covered = try #require(results["WORM_vault alerts.rule.covers_sensitive_actions"])
        #expect(covered.reason.contains("vault-alerts"), "\(covered.reason)")
        #expect(covered.reason.contains("vaultwatch-default") == false, "\(covered.reason)")
        #expect(results["account alerts.rule.enabled"]?.verdict == .pass)

        // Someone deletes the rule: the next whole read says so.
        try moto.aws(["events", "remove-targets", "--rule", "vault-alerts", "--ids", "sns"], home: home)
        try moto.aws(["events", "delete-rule", "--name", "vault-alerts"], home: home)
        let later = whole + 901
        try account.take(try account.source.poll(at: later))
        results = account.judged(at: later)
        #expect(results["WORM_vault alerts.rule.covers_sensitive_actions"]?.verdict == .fail)
        #expect(account.state.eventRules.values.allSatisfy { $0.document == nil }, "the rule is stored as gone")

        // A restarted source knows the rule is gone: it writes nothing more about it.
        let restarted = try self.account(moto)
        restarted.state = account.state
        let again = try restarted.source.start(resuming: account.state, at: later + 10)
        #expect(again.records.contains { if case .policy(let p) = $0 { p.kind == .eventRule } else { false } } == false)
    }

    @Test func whatAWholeReadCouldNotReadStaysUnknownBetweenWholeReads() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (moto, account) = try started()
        defer { withExtendedLifetime(moto) {} }  // the server lives as long as the test reads it
        // moto has no access policies (HTTP 404): unknown, at the whole read and at the quick poll after it.
        for now in [Self.start, Self.start + 60, Self.start + 120] {
            if now > Self.start { try account.take(try account.source.poll(at: now)) }
            let denies = try #require(account.judged(at: now)["WORM_vault vault.policy.denies_deletion"])
            #expect(denies.verdict == .unknown, "at +\(Int(now.timeIntervalSince(Self.start))) s: \(denies.reason)")
        }
    }
}
