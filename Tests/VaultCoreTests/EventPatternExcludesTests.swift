import Foundation
import Testing
import VaultCore

/// The pre-check an alert rule asks before it builds a call's event: a value is excluded at a path
/// only when the pattern requires a field there, outside any `$or`, that refuses it.
@Suite struct EventPatternExcludesTests {
    static func pattern(_ json: String) throws -> EventPattern { try EventPattern(json: Data(json.utf8)) }

    @Test func theSeedRulesActionsAndOnlyThem() throws {
        let rule = try Self.pattern(EventPatternSeedRuleTests.documentedRule)
        #expect(rule.excludes(.string("DescribeBackupVault"), at: ["detail", "eventName"]))
        #expect(!rule.excludes(.string("DeleteRecoveryPoint"), at: ["detail", "eventName"]))
        #expect(rule.excludes(.string("aws.s3"), at: ["source"]))
        #expect(!rule.excludes(.string("aws.backup"), at: ["source"]))
        // Not a leaf of the pattern, or a leaf asked as an object: nothing is excluded.
        #expect(!rule.excludes(.string("x"), at: ["detail", "awsRegion"]))
        #expect(!rule.excludes(.string("x"), at: ["detail"]))
        #expect(!rule.excludes(.string("x"), at: ["detail", "eventName", "deeper"]))
        #expect(!rule.excludes(.string("x"), at: []))
    }

    @Test func fieldsUnderOrAreNeverRequired() throws {
        let rule = AlertRule.seed(account: "111122223333").pattern!
        #expect(!rule.excludes(.string("arn:aws:iam::111122223333:role/BackupVaultAdmin"),
                               at: ["detail", "userIdentity", "sessionContext", "sessionIssuer", "arn"]))
        #expect(rule.excludes(.string("GetBackupPlan"), at: ["detail", "eventName"]))
    }

    @Test func operatorsAndExistsAsTheMatcherReadsThem() throws {
        let p = try Self.pattern(#"{"detail":{"eventName":[{"prefix":"Delete"},{"exists":true}],"code":[{"exists":false}],"n":[{"numeric":[">",5]}]}}"#)
        #expect(!p.excludes(.string("Anything"), at: ["detail", "eventName"]))
        #expect(p.excludes(.string("present"), at: ["detail", "code"]))
        #expect(p.excludes(.number(5), at: ["detail", "n"]))
        #expect(!p.excludes(.number(6), at: ["detail", "n"]))
    }

    @Test func aRuleRaisesTheSameAlertsWithThePreCheck() throws {
        let rule = AlertRule.seed(account: "111122223333")
        let principal = Principal(
            kind: .assumedRole, arn: "arn:aws:sts::111122223333:assumed-role/DevOps/alice",
            issuerArn: "arn:aws:iam::111122223333:role/DevOps", accountId: "111122223333")
        for action in AlertRule.seedSensitiveActions + ["DescribeBackupVault", "ListBackupVaults", "StartBackupJob", ""] {
            let call = ApiCall(
                id: "c-\(action)", time: Date(timeIntervalSince1970: 1_795_000_000), action: action, principal: principal,
                vaultName: "central-backup-vault", accountId: "111122223333", region: "us-east-1")
            let expected = rule.pattern!.matches(call.eventBridgeEvent)
            #expect((rule.evaluate(call) != nil) == expected, "\(action)")
        }
    }
}
