import AWSClient
import Foundation
import Testing
import VaultCore
import VaultDemo
import VaultEmulator
import VaultSync

/// botocore as the reference: it parses every operation's response with its own parser (and each
/// raw body is held member by member against the model), and every request vaultwatch's client
/// sends comes out of botocore's validator and serializer unchanged.
@Suite struct BotocoreModelTests {
    @Test func botocoreParsesEveryResponseAndTheErrors() throws {
        let local = try LocalEmulator(jobSeconds: 1)
        defer { local.stop() }
        let admin = try #require(local.connection(as: "admin"))
        let result = try Oracle.run(["responses", local.endpoint], as: admin)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
    }

    @Test func everyRequestTheDriverSendsIsWhatBotocoreWouldSend() throws {
        let local = try LocalEmulator(jobSeconds: 0)
        defer { local.stop() }
        let transport = RecordingTransport()
        let client = try #require(local.connection(as: "admin")).client(transport: transport)
        let role = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
        let volume = "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"
        let vaultB = "arn:aws:backup:us-east-1:111122223333:backup-vault:drv-b"
        func send(_ operation: AWSOperation) throws -> [String: Any] {
            let response = try client.send(operation)
            return response.body.isEmpty ? [:] : try response.jsonObject()
        }
        _ = try send(BackupRequest.createBackupVault("drv-a"))
        _ = try send(BackupRequest.createBackupVault("drv-b"))
        _ = try send(BackupRequest.describeBackupVault("drv-a"))
        _ = try send(BackupRequest.listBackupVaults(maxResults: 1))
        _ = try send(BackupRequest.putBackupVaultAccessPolicy("drv-a", policy: #"{"Version":"2012-10-17","Statement":[]}"#))
        _ = try send(BackupRequest.getBackupVaultAccessPolicy("drv-a"))
        _ = try send(BackupRequest.deleteBackupVaultAccessPolicy("drv-a"))
        _ = try send(BackupRequest.putBackupVaultNotifications("drv-a", topicArn: "arn:aws:sns:us-east-1:111122223333:t", events: ["BACKUP_JOB_FAILED"]))
        _ = try send(BackupRequest.getBackupVaultNotifications("drv-a"))
        _ = try send(BackupRequest.deleteBackupVaultNotifications("drv-a"))
        let job = try send(BackupRequest.startBackupJob(vault: "drv-a", resourceArn: volume, iamRoleArn: role, lifecycle: Lifecycle(deleteAfterDays: 20)))
        _ = try send(BackupRequest.describeBackupJob(try #require(job["BackupJobId"] as? String)))
        _ = try send(BackupRequest.listBackupJobs(vault: "drv-a", state: "COMPLETED", createdAfter: Date(timeIntervalSince1970: 1_700_000_000)))
        let points = try send(BackupRequest.listRecoveryPointsByBackupVault("drv-a", maxResults: 10, createdAfter: Date(timeIntervalSince1970: 1_700_000_000)))
        let arn = try #require((points["RecoveryPoints"] as? [[String: Any]])?.first?["RecoveryPointArn"] as? String)
        _ = try send(BackupRequest.describeRecoveryPoint(vault: "drv-a", arn: arn))
        _ = try send(BackupRequest.updateRecoveryPointLifecycle(vault: "drv-a", arn: arn, lifecycle: Lifecycle(deleteAfterDays: 30)))
        let copy = try send(BackupRequest.startCopyJob(recoveryPointArn: arn, sourceVault: "drv-a", destinationVaultArn: vaultB, iamRoleArn: role, lifecycle: Lifecycle(deleteAfterDays: 30)))
        _ = try send(BackupRequest.describeCopyJob(try #require(copy["CopyJobId"] as? String)))
        _ = try send(BackupRequest.listCopyJobs(destinationVaultArn: vaultB, maxResults: 5))
        let plan = try send(BackupRequest.createBackupPlan(name: "drv-plan", rules: [("daily", "drv-a", "cron(0 5 * * ? *)", Lifecycle(deleteAfterDays: 35))]))
        _ = try send(BackupRequest.getBackupPlan(try #require(plan["BackupPlanId"] as? String)))
        _ = try send(BackupRequest.listBackupPlans())
        _ = try send(BackupRequest.listProtectedResources(maxResults: 3))
        _ = try send(BackupRequest.putBackupVaultLockConfiguration("drv-a", minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: nil))
        _ = try send(BackupRequest.deleteBackupVaultLockConfiguration("drv-a"))
        _ = try send(BackupRequest.deleteRecoveryPoint(vault: "drv-a", arn: arn))
        for point in try send(BackupRequest.listRecoveryPointsByBackupVault("drv-b"))["RecoveryPoints"] as? [[String: Any]] ?? [] {
            _ = try send(BackupRequest.deleteRecoveryPoint(vault: "drv-b", arn: try #require(point["RecoveryPointArn"] as? String)))
        }
        _ = try send(BackupRequest.deleteBackupVault("drv-b"))
        _ = try send(BackupRequest.lookupEvents(maxResults: 5, startTime: Date(timeIntervalSince1970: 1_700_000_000)))

        let sent = transport.requests
        #expect(Set(sent.map { $0.headers["X-Amz-Target"] ?? $0.method + " " + $0.path }).count >= 26)
        try Self.checkWithBotocore(sent, as: try #require(local.connection(as: "admin")))
    }

    @Test func botocoreParsesOrganizationsKMSAndEventBridge() throws {
        let demo = try DemoEndpoint(seed: 7, at: Date())
        defer { demo.stop() }
        let result = try Oracle.run(["json-services", demo.endpoint], as: try #require(demo.connection(as: "reader")))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
    }

    /// The AWS source's whole read of the demo account (Backup, STS, Organizations, KMS, EventBridge)
    /// and the CloudTrail feed's lookups: every request as botocore would send it.
    @Test func everyRequestTheAWSSourceAndTheFeedSendIsWhatBotocoreWouldSend() throws {
        let start = Date()
        let demo = try DemoEndpoint(seed: 7, at: start)
        defer { demo.stop() }
        let transport = RecordingTransport()
        let reader = try #require(demo.connection(as: "reader"))
        let client = try reader.client(transport: transport)
        let source = try AWSAccountSource(client: client, region: DemoAccount.region)
        let batch = try source.start(resuming: AccountState(), at: start)
        #expect(batch.records.contains { if case .organization = $0 { return true } else { return false } })
        let feed = try CloudTrailFeed(client: client, region: DemoAccount.region, clock: SystemClock())
        _ = try feed.start(resuming: AccountState(), at: start)
        _ = try feed.poll(at: start)
        let sent = transport.requests.filter { $0.headers["Content-Type"]?.hasPrefix("application/x-www-form-urlencoded") != true }
        let targets = Set(sent.compactMap { $0.headers["X-Amz-Target"] })
        for expected in [
            "AWSOrganizationsV20161128.DescribeOrganization", "AWSOrganizationsV20161128.ListParents",
            "AWSOrganizationsV20161128.ListPoliciesForTarget", "AWSOrganizationsV20161128.DescribePolicy",
            "TrentService.DescribeKey", "TrentService.ListAliases", "AWSEvents.ListRules", "AWSEvents.DescribeRule",
            "AWSEvents.ListTargetsByRule", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
        ] {
            #expect(targets.contains(expected), "\(expected) was not sent")
        }
        try Self.checkWithBotocore(sent, as: reader)
    }

    /// Writes `requests` for the oracle (JSON 1.1 ones with their target prefix) and has botocore
    /// read each back, validate it and serialise it again: the same request must come out.
    static func checkWithBotocore(_ requests: [HTTPRequest], as connection: EmulatorConnection) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vw-requests-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        var lines = Data()
        for (request, name) in zip(requests, Self.operationNames(requests)) {
            var record: [String: Any] = [
                "operation": name, "method": request.method, "path": request.path, "query": request.query,
                "body": String(decoding: request.body, as: UTF8.self),
            ]
            if let target = request.headers["X-Amz-Target"], let dot = target.lastIndex(of: ".") {
                record["target"] = String(target[..<dot])
            }
            lines.append(try JSONSerialization.data(withJSONObject: record))
            lines.append(0x0A)
        }
        try lines.write(to: file)
        let result = try Oracle.run(["requests", file.path], as: connection)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\(requests.count) passed, 0 failed"), "\(result.output)")
    }

    /// Each request's operation, told by the emulator's own router (CloudTrail by its target).
    static func operationNames(_ requests: [HTTPRequest]) -> [String] {
        requests.map { request in
            if let target = request.headers["X-Amz-Target"] { return String(target.split(separator: ".").last ?? "") }
            return EmulatorRoutes.operation(method: request.method, path: request.path) ?? "unknown"
        }
    }
}
