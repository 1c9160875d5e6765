import Foundation
import Testing
import VaultCore

/// The seeds' rule (shared/docs/aws-backup-facts.md) against CloudTrail records delivered by EventBridge.
@Suite struct EventPatternSeedRuleTests {
    static let admins = [
        "arn:aws:iam::111122223333:role/BackupVaultAdmin",
        "arn:aws:iam::111122223333:role/AWSCloudFormationStackSetExecutionRole",
    ]

    /// The facts document's rule, verbatim.
    static let documentedRule = """
        { "source": ["aws.backup"], "detail-type": ["AWS API Call via CloudTrail"],
          "detail": { "eventSource": ["backup.amazonaws.com"],
            "eventName": ["DeleteBackupVault", "DeleteBackupVaultAccessPolicy", "DeleteBackupVaultLockConfiguration",
                          "DeleteRecoveryPoint", "PutBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration",
                          "UpdateRecoveryPointLifecycle", "StartCopyJob", "StartRestoreJob",
                          "DeleteBackupVaultNotifications", "PutBackupVaultNotifications"],
            "userIdentity": { "sessionContext": { "sessionIssuer": { "arn": [ { "anything-but": [
              "arn:aws:iam::111122223333:role/BackupVaultAdmin",
              "arn:aws:iam::111122223333:role/AWSCloudFormationStackSetExecutionRole" ] } ] } } } } }
        """

    static func event(
        name: String = "DeleteRecoveryPoint", issuer: String = "arn:aws:iam::111122223333:role/DevOps",
        source: String = "aws.backup", eventSource: String = "backup.amazonaws.com"
    ) -> String {
        """
        {"version": "0", "id": "6f9c", "detail-type": "AWS API Call via CloudTrail", "source": "\(source)",
         "account": "111122223333", "time": "2026-11-22T12:00:00Z", "region": "us-east-1", "resources": [],
         "detail": {"eventVersion": "1.08", "eventTime": "2026-11-22T12:00:00Z",
          "eventSource": "\(eventSource)", "eventName": "\(name)", "awsRegion": "us-east-1",
          "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:alice",
           "arn": "arn:aws:sts::111122223333:assumed-role/DevOps/alice", "accountId": "111122223333",
           "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE",
            "arn": "\(issuer)", "accountId": "111122223333", "userName": "DevOps"}}},
          "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/2.15.0",
          "requestParameters": {"backupVaultName": "central-backup-vault"}, "responseElements": null,
          "errorCode": "AccessDenied", "eventType": "AwsApiCall", "readOnly": false, "managementEvent": true,
          "recipientAccountId": "111122223333"}}
        """
    }

    static let rows: [(String, String, Bool)] = [
        ("non-admin deletes a recovery point", event(), true),
        ("non-admin changes the lock", event(name: "PutBackupVaultLockConfiguration"), true),
        ("vault admin deletes a recovery point", event(issuer: admins[0]), false),
        ("StackSet role starts a copy job", event(name: "StartCopyJob", issuer: admins[1]), false),
        ("non-admin lists vaults", event(name: "ListBackupVaults"), false),
        ("another service's event", event(source: "aws.s3"), false),
        ("another event source", event(eventSource: "s3.amazonaws.com"), false),
    ]

    static let cases: [EventPatternCase] = rows.map { .init(documentedRule, $0.1, $0.2) }

    @Test(arguments: cases) func documentedRuleMatches(_ row: EventPatternCase) throws { try row.check() }

    @Test(arguments: rows.map(\.0)) func seedRuleAgreesWithTheDocument(_ name: String) throws {
        let row = try #require(Self.rows.first { $0.0 == name })
        let matched = try EventPattern.seedRule(admins: Self.admins).matches(Data(row.1.utf8))
        #expect(matched == row.2)
    }

    @Test func seedRuleCoversEverySensitiveAction() throws {
        let rule = EventPattern.seedRule(admins: Self.admins)
        for action in AlertRule.seedSensitiveActions {
            #expect(try rule.matches(Data(Self.event(name: action).utf8)), "\(action)")
        }
    }

    @Test func seedRuleWithoutAdminsMatchesAnyIssuerButNeedsOne() throws {
        let rule = EventPattern.seedRule(admins: [])
        #expect(try rule.matches(Data(Self.event(issuer: Self.admins[0]).utf8)))
        let root = Self.event().replacingOccurrences(of: #""sessionContext""#, with: #""noSession""#)
        #expect(try !rule.matches(Data(root.utf8)))
    }
}
