import AWSClient
import Foundation
import Synchronization
import Testing
import TestSupport
import VaultCore
import VaultStore

@testable import VaultSync

/// The AWS account source through a fault-injecting proxy in front of moto_server: whatever fails
/// in the middle of a poll (a 503 after the retries, a truncated body, throttling with a
/// Retry-After, expired credentials), nothing of that poll is stored, what was stored stays, the
/// failure is said as what it is, and the next good poll catches up.
@Suite(.serialized) struct AWSAccountSourceFaultTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("vw-aws-faults-\(UUID().uuidString)").path
    static let now = UTC.date(year: 2026, month: 12, day: 3, hour: 12)

    func client(through proxy: FaultProxy) throws -> AWSClient {
        let environment = AWSEnvironment(
            variables: [
                "HOME": home, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": proxy.url, "AWS_EC2_METADATA_DISABLED": "true",
            ], home: home)
        // Retries wait on a recording sleeper: the backoff is computed, not slept.
        return AWSClient(configuration: try AWSConfiguration(environment: environment), sleeper: RecordingSleeper())
    }

    final class Seen: Sendable {
        let snapshots = Mutex<[AccountSnapshot]>([])
        var last: AccountSnapshot? { snapshots.withLock { $0.last } }
    }

    func vaults(in store: Store) throws -> [String] {
        var state = AccountState()
        state.apply(try store.load().records)
        return state.sortedVaults.map { "\($0.name):\($0.lockState(at: Self.now).word)" }
    }

    static func throttled(after seconds: Int) -> [String: Any] {
        [
            "status": 400, "headers": ["x-amzn-ErrorType": "ThrottlingException", "Retry-After": "\(seconds)"],
            "body": #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
        ]
    }

    @Test func aPollThatFailsAnywhereStoresNothingAndSaysWhy() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let moto = try LocalMoto()
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "WORM_vault"], home: home)
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "scratch"], home: home)
        let proxy = try FaultProxy(moto: moto)
        let store = try Store(directory: URL(fileURLWithPath: home + "/store"))
        let source = try AWSAccountSource(client: try client(through: proxy))
        let seen = Seen()
        let worker = SyncWorker(
            store: store, sources: [source], rules: [], clock: FixedClock(Self.now),
            publish: { s in seen.snapshots.withLock { $0.append(s) } }, fail: { _ in })
        worker.syncNow()
        #expect(try vaults(in: store) == ["WORM_vault:none", "scratch:none"])

        // The account changes: a third vault, and a lock on the first.
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "central"], home: home)
        try moto.aws(
            ["backup", "put-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault", "--min-retention-days", "7",
             "--changeable-for-days", "3"], home: home)
        let before = try Data(contentsOf: URL(fileURLWithPath: home + "/store/vaults.jsonl"))

        // The default listing passes, the air-gapped one fails three times over: the poll fails.
        try proxy.inject([["pass": true], ["status": 503], ["status": 503], ["status": 503]])
        worker.syncNow()
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/store/vaults.jsonl")) == before, "nothing of the poll is stored")
        var status = try #require(worker.sourceStatuses.first)
        #expect(status.failure?.kind == .network, "\(String(describing: status.failure))")
        #expect(status.failure?.message.contains("ListBackupVaults") == true)

        // A body cut in half: unreadable, not half applied.
        try proxy.inject([["truncate": "json"]])
        worker.syncNow()
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/store/vaults.jsonl")) == before)
        status = try #require(worker.sourceStatuses.first)
        #expect(status.failure?.kind == .badResponse, "\(String(describing: status.failure))")

        // Throttled past the retries, asked to wait 7 s: the next poll is not sooner.
        try proxy.inject([Self.throttled(after: 7), Self.throttled(after: 7), Self.throttled(after: 7)])
        worker.syncNow()
        status = try #require(worker.sourceStatuses.first)
        #expect(status.failure?.kind == .throttled, "\(String(describing: status.failure))")
        #expect(status.nextPoll.map { $0.timeIntervalSince(Self.now) >= 7 } == true, "\(String(describing: status.nextPoll))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/store/vaults.jsonl")) == before)

        // Expired credentials are said as credentials, with what to run.
        try proxy.inject([
            [
                "status": 400, "headers": ["x-amzn-ErrorType": "ExpiredTokenException"],
                "body": #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#,
            ]
        ])
        worker.syncNow()
        status = try #require(worker.sourceStatuses.first)
        #expect(status.failure?.kind == .credentials, "\(String(describing: status.failure))")
        #expect(status.failingSince != nil)

        // The next good poll catches up, and the header clears.
        worker.syncNow()
        #expect(try vaults(in: store) == ["WORM_vault:grace", "central:none", "scratch:none"])
        status = try #require(worker.sourceStatuses.first)
        #expect(status.failure == nil)
        #expect(seen.last?.sources.first?.isFailing == false)
    }
}
