import Foundation
import Testing
import VaultCore

/// EventBridge events and CloudTrail records to `ApiCall`, for every identity type, and back.
@Suite struct CallNormalisationTests {
    typealias S = CloudTrailSamples

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var expected: ApiCall
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "AssumedRole, refused, via EventBridge", text: S.assumedRoleEvent,
            expected: ApiCall(
                id: "0b7f2c63-3d5a-4e4f-9a4b-5a1e2f3c4d01", time: UTC.date(year: 2026, month: 11, day: 24, hour: 2, minute: 15, second: 1),
                action: "DeleteRecoveryPoint", principal: .role("DevOps", session: "alice", account: S.member),
                sourceIPAddress: "203.0.113.7", userAgent: "aws-cli/2.15.0 Python/3.11.6", vaultName: "central-backup-vault",
                recoveryPointArn: "arn:aws:ec2:eu-west-1::snapshot/snap-0abc", errorCode: "AccessDeniedException",
                errorMessage: "Insufficient privileges to perform this action.", accountId: S.member, region: "eu-west-1")),
        Case(
            name: "Root, envelope without account (moto)", text: S.rootEventWithoutAccount,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000002", time: UTC.date(year: 2026, month: 11, day: 24, hour: 3),
                action: "DeleteBackupVaultLockConfiguration", principal: .root(account: "111122223333"),
                sourceIPAddress: "192.0.2.66", userAgent: "AWS Internal", vaultName: "WORM_vault", accountId: "111122223333",
                region: "us-east-1")),
        Case(
            name: "IAMUser, a trail's record", text: S.iamUserRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000003", time: UTC.date(year: 2026, month: 11, day: 24, hour: 4, minute: 5, second: 6),
                action: "PutBackupVaultAccessPolicy", principal: .user("ci-deployer", account: S.member),
                sourceIPAddress: "198.51.100.77", userAgent: "terraform-provider-aws/5.70.0", vaultName: "prod-vault",
                accountId: S.member, region: "eu-west-1")),
        Case(
            name: "AWSService: invokedBy, the recipient's account", text: S.serviceRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000004", time: UTC.date(year: 2026, month: 11, day: 24, hour: 5),
                action: "DeleteRecoveryPoint",
                principal: Principal(kind: .awsService, arn: "backup.amazonaws.com", accountId: S.member),
                sourceIPAddress: "backup.amazonaws.com", userAgent: "backup.amazonaws.com", vaultName: "prod-vault",
                recoveryPointArn: "arn:aws:backup:eu-west-1:444455556666:recovery-point:rp-1", accountId: S.member,
                region: "eu-west-1")),
        Case(
            name: "FederatedUser: the IAM user that federated it", text: S.federatedUserRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000005", time: UTC.date(year: 2026, month: 11, day: 24, hour: 6),
                action: "UpdateRecoveryPointLifecycle",
                principal: Principal(
                    kind: .federatedUser, arn: "arn:aws:sts::444455556666:federated-user/carol",
                    issuerArn: "arn:aws:iam::444455556666:user/identity-broker", accountId: S.member),
                vaultName: "prod-vault", recoveryPointArn: "arn:aws:backup:eu-west-1:444455556666:recovery-point:rp-2",
                accountId: S.member, region: "eu-west-1")),
        Case(
            name: "IdentityCenterUser: onBehalfOf.userId", text: S.identityCenterRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000006", time: UTC.date(year: 2026, month: 11, day: 24, hour: 7),
                action: "DeleteBackupVault",
                principal: Principal(
                    kind: .identityCenterUser, arn: "arn:aws:identitystore:::user/906744e8-c0a1-70c4-5d3a-0bbd8e7fb7b2",
                    accountId: S.member),
                vaultName: "scratch", accountId: S.member, region: "us-west-2")),
        Case(
            name: "AWSAccount: a copy's source vault by name", text: S.otherAccountCopyRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000007", time: UTC.date(year: 2026, month: 11, day: 24, hour: 8),
                action: "StartCopyJob",
                principal: Principal(kind: .awsAccount, arn: "arn:aws:iam::210987654321:root", accountId: "210987654321"),
                sourceIPAddress: "203.0.113.250", vaultName: "central-backup-vault",
                recoveryPointArn: "arn:aws:backup:us-east-1:111122223333:recovery-point:rp-3", accountId: "111122223333",
                region: "us-east-1")),
        Case(
            name: "a destination vault's ARN, fractional seconds", text: S.destinationOnlyRecord,
            expected: ApiCall(
                id: "e0000000-0000-4000-8000-000000000008",
                time: UTC.date(year: 2026, month: 11, day: 24, hour: 9).addingTimeInterval(0.123), action: "StartCopyJob",
                principal: .role("Copier", session: "s", account: "111122223333"), vaultName: "WORM_vault",
                accountId: "111122223333", region: "us-east-1")),
    ]

    @Test(arguments: cases)
    func normalises(_ c: Case) throws {
        let call = try ApiCall(event: S.json(c.text))
        #expect(call.id == c.expected.id)
        #expect(abs(call.time.timeIntervalSince(c.expected.time)) < 0.0005)
        var same = call
        same.time = c.expected.time
        #expect(same == c.expected)
    }

    @Test func aLookupEventsCloudTrailEventStringIsTheSameRecord() throws {
        // LookupEvents returns the record as a JSON string inside its answer.
        let answer = try JSONSerialization.data(withJSONObject: ["Events": [["CloudTrailEvent": S.iamUserRecord]]])
        let events = try #require(JSONSerialization.jsonObject(with: answer) as? [String: [[String: String]]])
        let text = try #require(events["Events"]?.first?["CloudTrailEvent"])
        #expect(try ApiCall(cloudTrailRecord: S.json(text)) == ApiCall(event: S.json(S.iamUserRecord)))
    }

    @Test(arguments: [
        ("an S3 event", #"{"detail-type":"Object Created","source":"aws.s3","detail":{}}"#, EventRejection.Kind.unrelated, "aws.s3"),
        ("a Backup state change", #"{"detail-type":"Backup Job State Change","source":"aws.backup","detail":{"state":"FAILED"}}"#,
         .unrelated, "Backup Job State Change"),
        ("another service's record", #"{"eventSource":"s3.amazonaws.com","eventID":"x","eventName":"PutObject"}"#, .unrelated, "s3.amazonaws.com"),
        ("a service event", #"{"eventSource":"backup.amazonaws.com","eventType":"AwsServiceEvent","eventID":"x"}"#, .unrelated, "AwsServiceEvent"),
        ("no detail", #"{"detail-type":"AWS API Call via CloudTrail","source":"aws.backup"}"#, .malformed, "detail"),
        ("no eventID", #"{"eventSource":"backup.amazonaws.com","eventName":"DeleteBackupVault","eventTime":"2026-11-24T00:00:00Z"}"#, .malformed, "eventID"),
        ("a bad eventTime", #"{"eventSource":"backup.amazonaws.com","eventID":"x","eventName":"DeleteBackupVault","eventTime":"yesterday","recipientAccountId":"1","awsRegion":"r","userIdentity":{"type":"Root"}}"#,
         .malformed, "\"yesterday\""),
        ("no recipient", #"{"eventSource":"backup.amazonaws.com","eventID":"x","eventName":"DeleteBackupVault","eventTime":"2026-11-24T00:00:00Z"}"#, .malformed, "recipientAccountId"),
        ("no userIdentity", #"{"eventSource":"backup.amazonaws.com","eventID":"x","eventName":"DeleteBackupVault","eventTime":"2026-11-24T00:00:00Z","recipientAccountId":"1","awsRegion":"r"}"#,
         .malformed, "userIdentity"),
        ("neither shape", #"{"hello":"world"}"#, .malformed, "neither"),
        ("an array", #"[1,2]"#, .malformed, "not a JSON object"),
    ] as [(String, String, EventRejection.Kind, String)])
    func rejects(_ name: String, _ text: String, _ kind: EventRejection.Kind, _ names: String) {
        #expect(throws: EventRejection.self) { try ApiCall(event: S.json(text)) }
        do {
            _ = try ApiCall(event: S.json(text))
        } catch {
            #expect(error.kind == kind, "\(name)")
            #expect(error.reason.contains(names), "\(name): \(error.reason)")
        }
    }

    @Test func documentsHoldOneEventOrATrailFilesRecords() {
        let trail = #"{"Records":[\#(S.iamUserRecord),{"eventSource":"s3.amazonaws.com","eventID":"s3"},{"eventSource":"backup.amazonaws.com"}]}"#
        let results = EventDocument.calls(in: Data(trail.utf8))
        #expect(results.count == 3)
        #expect((try? results[0].get())?.id == "e0000000-0000-4000-8000-000000000003")
        #expect(results[1].rejection?.kind == .unrelated)
        #expect(results[2].rejection?.kind == .malformed)
        let garbage = EventDocument.calls(in: Data("{\"detail-type\": ".utf8))
        #expect(garbage.count == 1 && garbage[0].rejection?.kind == .malformed)
        #expect(garbage[0].rejection?.reason.hasPrefix("not JSON") == true)
    }

    /// The alert rule sees the call as it would see the event in AWS: the seeds' pattern (and the
    /// default one, which also covers root and IAM users) matches the original event exactly when
    /// it matches the normalised call's event.
    @Test(arguments: cases)
    func theRulesJudgeTheCallAsTheyJudgeTheEvent(_ c: Case) throws {
        let original = S.json(c.text)
        let event: JSONValue
        if original["detail-type"] != nil {
            event = original
        } else {
            // A bare record, as the member's default bus would wrap it.
            event = .object([
                "version": .string("0"), "id": .string("x"), "detail-type": .string("AWS API Call via CloudTrail"),
                "source": .string("aws.backup"), "account": .string(c.expected.accountId), "time": .string("2026-11-24T00:00:00Z"),
                "region": .string(c.expected.region), "resources": .array([]), "detail": original,
            ])
        }
        let call = try ApiCall(event: event)
        let admins = ["arn:aws:iam::444455556666:role/DevOps", "arn:aws:iam::111122223333:role/BackupVaultAdmin"]
        for pattern in [EventPattern.seedRule(admins: admins), AlertRule.defaultPattern(admins: admins)] {
            #expect(pattern.matches(event) == pattern.matches(call.eventBridgeEvent), "\(c.name)")
        }
    }

    /// Every identity type survives `eventBridgeEvent` and back unchanged.
    @Test(arguments: Principal.Kind.allCases)
    func roundTripsThroughItsEventBridgeEvent(_ kind: Principal.Kind) throws {
        let account = "444455556666"
        let principal: Principal
        switch kind {
        case .assumedRole: principal = .role("DevOps", session: "alice", account: account)
        case .federatedUser:
            principal = Principal(
                kind: kind, arn: "arn:aws:sts::\(account):federated-user/carol", issuerArn: "arn:aws:iam::\(account):user/broker",
                accountId: account)
        case .root: principal = .root(account: account)
        case .iamUser: principal = .user("bob", account: account)
        case .role: principal = Principal(kind: kind, arn: "arn:aws:iam::\(account):role/Direct", accountId: account)
        case .awsService: principal = Principal(kind: kind, arn: "backup.amazonaws.com", accountId: account)
        case .identityCenterUser: principal = Principal(kind: kind, arn: "arn:aws:identitystore:::user/9067-abc", accountId: account)
        case .awsAccount: principal = Principal(kind: kind, arn: "arn:aws:iam::210987654321:root", accountId: "210987654321")
        case .samlUser, .webIdentityUser: principal = Principal(kind: kind, arn: "alice@example.com", accountId: account)
        case .directory, .unknown: principal = Principal(kind: kind, arn: "S-1-5-21-1234", accountId: account)
        }
        for (action, vault) in [("DeleteRecoveryPoint", "prod-vault"), ("StartCopyJob", "central-backup-vault"), ("StartRestoreJob", nil)] {
            let call = ApiCall(
                id: "e-\(kind.rawValue)-\(action)", time: UTC.date(year: 2026, month: 11, day: 24, hour: 10), action: action,
                principal: principal, sourceIPAddress: "203.0.113.9", userAgent: "console.amazonaws.com", vaultName: vault,
                recoveryPointArn: "arn:aws:backup:eu-west-1:\(account):recovery-point:rp", errorCode: "AccessDeniedException",
                errorMessage: "no", accountId: account, region: "eu-west-1")
            #expect(try ApiCall(eventBridgeEvent: call.eventBridgeEvent) == call)
        }
    }
}

extension Result where Failure == EventRejection {
    var rejection: EventRejection? {
        if case .failure(let rejection) = self { return rejection }
        return nil
    }
}
