import AWSClient
import Foundation
import Testing
import VaultCore
import VaultDemo
import VaultEmulator
import VaultStore
import VaultSync

/// The alert path of the production code over a real local endpoint: a principal's refused call
/// reaches the emulator over HTTP, the emulator records it, the AWS source's CloudTrail feed finds
/// it with LookupEvents, the worker stores it and raises the alert. The read-only role's own reads
/// are not kept, and a lookup that fails half-way loses no call.
@Suite struct AlertsThroughCloudTrailTests {
    static let vault = DemoAccount.centralVault

    /// An emulator of an account with the central vault, the demo's SCP attached to the account.
    func emulator() throws -> LocalEmulator {
        let local = try LocalEmulator(jobSeconds: 0)
        let admin = try #require(local.connection(as: "admin")).client()
        _ = try admin.send(BackupRequest.createBackupVault(Self.vault))
        let guardrail = DemoGuardrail.seed(account: DemoAccount.accountId, guardedVaults: [Self.vault])
        try local.emulator.setServiceControlPolicy(guardrail.policyName, document: guardrail.document(account: DemoAccount.accountId))
        return local
    }

    @Test func aRefusedCallBecomesAnAlertThroughTheCloudTrailFeed() throws {
        let local = try emulator()
        defer { local.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-trail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)

        // The operator (DevOps/alice) tries to replace the vault's access policy: the SCP refuses.
        let operatorClient = try #require(local.connection(as: "operator")).client()
        #expect(throws: AWSError.self) {
            _ = try operatorClient.send(BackupRequest.putBackupVaultAccessPolicy(Self.vault, policy: DemoAccount.accessPolicy))
        }

        // vaultwatch reads the account and its CloudTrail as the read-only role, as `vaultwatch demo` does.
        let reader = try #require(local.connection(as: "reader"))
        let client = try reader.client()
        let account = try AWSAccountSource(client: client, region: DemoAccount.region)
        let feed = try CloudTrailFeed(
            client: client, region: DemoAccount.region, clock: SystemClock(),
            settings: CloudTrailFeed.Settings(ownReaders: [reader.principal.principal.judgedArn]))
        let worker = SyncWorker(
            store: store, sources: [account, feed], rules: [DemoAccount.alertRule], clock: SystemClock(), publish: { _ in },
            fail: { Issue.record("the worker failed: \($0)") })
        worker.syncNow()  // starts both: the account read whole
        worker.syncNow()  // the feed's first lookup
        worker.stopAndWait()

        let state = try store.loadAccount().state
        let alert = try #require(state.alerts.first, "no alert in the store")
        #expect(state.alerts.count == 1)
        let call = try #require(state.calls.first { $0.id == alert.callId })
        #expect(call.action == "PutBackupVaultAccessPolicy" && call.errorCode == "AccessDenied")
        #expect(call.principal.arn == DemoCast.alice.arn)
        #expect(call.errorMessage?.hasSuffix("with an explicit deny in a service control policy") == true)
        // The admin's CreateBackupVault is there; not one of the reader's many reads is.
        #expect(state.calls.contains { $0.action == "CreateBackupVault" })
        #expect(!state.calls.contains { $0.principal.judgedArn == reader.principal.principal.judgedArn })
        #expect(local.emulator.trail.all.contains { $0.call.principal.judgedArn == reader.principal.principal.judgedArn })
        #expect(state.syncBySource[feed.name]?.error == nil && state.syncBySource[feed.name] != nil)
    }

    @Test func aLookupThatFailsOnItsSecondPageLosesNoCall() throws {
        let local = try emulator()
        defer { local.stop() }
        let operatorClient = try #require(local.connection(as: "operator")).client()
        for _ in 0..<60 {
            _ = try? operatorClient.send(BackupRequest.deleteBackupVaultAccessPolicy(Self.vault))
        }
        let transport = FailingTransport(failing: 2, of: "LookupEvents")
        let reader = try #require(local.connection(as: "reader")).client(transport: transport)
        let feed = try CloudTrailFeed(
            client: reader, region: DemoAccount.region, clock: SystemClock(), settings: CloudTrailFeed.Settings(pagesPerPoll: 5))
        _ = try feed.start(resuming: AccountState(), at: Date())
        #expect(throws: (any Error).self) { _ = try feed.poll(at: Date()) }
        let calls = try feed.poll(at: Date()).records.compactMap { if case .call(let call) = $0 { return call } else { return nil } }
        #expect(calls.filter { $0.action == "DeleteBackupVaultAccessPolicy" }.count == 60)
        #expect(transport.sent("LookupEvents") == 6, "a page, three attempts at the second, then both again")
    }
}

/// Drops the connection of one operation's `nth` request (by its `X-Amz-Target`'s last part) and of
/// the client's retries of it (three attempts in all, botocore's standard mode), as a network that
/// went away for a moment would; passes everything else to a real transport.
final class FailingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = CurlTransport()
    private let lock = NSLock()
    private let nth: Int
    private let operation: String
    private var counts: [String: Int] = [:]

    init(failing nth: Int, of operation: String) {
        self.nth = nth
        self.operation = operation
    }

    func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        let name = request.headers["X-Amz-Target"].map { String($0.split(separator: ".").last ?? "") } ?? request.path
        let count = lock.withLock {
            counts[name, default: 0] += 1
            return counts[name] ?? 0
        }
        if name == operation, (nth..<nth + 3).contains(count) { throw TransportError.connectionLost("dropped by the test") }
        return try inner.send(request, timeout: timeout, cancellation: cancellation)
    }

    func sent(_ name: String) -> Int { lock.withLock { counts[name] ?? 0 } }
}
