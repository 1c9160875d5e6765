import Foundation
import Synchronization
import Testing
import VaultCore
import VaultStore

@testable import VaultSync

/// A source's runner against a real store: what it appends, when it tells the source the records
/// are safe, how it fails; and several sources in one worker, a slow one delaying nobody.
@Suite struct SourceRunnerTests {
    static let now = UTC.date(year: 2026, month: 12, day: 3, hour: 9)

    /// A source scripted poll by poll (a test double of a source, not of AWS).
    final class ScriptedSource: Source, @unchecked Sendable {
        let name: String
        let accountId = "111122223333"
        let region = "us-east-1"
        private let lock = NSLock()
        private var script: [Result<[Record], SourceFailure>]
        private(set) var committed = 0
        private(set) var polls = 0
        private(set) var startedWith: AccountState?
        let blockFor: TimeInterval
        let cancelled = Atomic<Bool>(false)

        init(name: String, script: [Result<[Record], SourceFailure>], blockFor: TimeInterval = 0) {
            self.name = name
            self.script = script
            self.blockFor = blockFor
        }

        func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
            lock.withLock { startedWith = state }
            return try poll(at: now)
        }

        func poll(at now: Date) throws -> SourceBatch {
            let deadline = Date().addingTimeInterval(blockFor)
            while Date() < deadline, !cancelled.load(ordering: .relaxed) { usleep(5_000) }
            let next = lock.withLock { () -> Result<[Record], SourceFailure> in
                polls += 1
                return script.isEmpty ? .success([]) : script.removeFirst()
            }
            let records = try next.get()
            return SourceBatch(records: records, nextPoll: 3600) { [self] in lock.withLock { committed += 1 } }
        }

        func cancel() { cancelled.store(true, ordering: .relaxed) }
    }

    final class Seen: Sendable {
        let statuses = Mutex<[SourceStatus]>([])
        let notices = Mutex<[Notice]>([])
        let appended = Atomic<Int>(0)

        var events: SourceRunner.Events {
            SourceRunner.Events(
                status: { s in self.statuses.withLock { $0.append(s) } },
                notice: { n in self.notices.withLock { $0.append(n) } },
                appended: { self.appended.add(1, ordering: .relaxed) })
        }
    }

    static func vault(_ name: String) -> Vault {
        Vault(
            name: name, arn: "arn:aws:backup:us-east-1:111122223333:backup-vault:\(name)", accountId: "111122223333",
            region: "us-east-1", creationDate: now)
    }

    @Test func recordsAreStoredBeforeTheSourceIsToldTheyAreSafe() throws {
        let dir = TemporaryStore()
        let source = ScriptedSource(name: "s", script: [.success([.vault(Self.vault("a"))])])
        let seen = Seen()
        let runner = SourceRunner(source: source, store: dir.store, clock: FixedClock(Self.now), events: seen.events)
        runner.runOnce(resuming: AccountState())
        #expect(try dir.store.load().records == [.vault(Self.vault("a"))])
        #expect(source.committed == 1)
        #expect(seen.statuses.withLock { $0.last } == SourceStatus(name: "s", lastSuccess: Self.now, nextPoll: Self.now + 3600, starting: false))
        #expect(source.startedWith == AccountState())
    }

    @Test func aFailingSourceBacksOffSaysWhyAndRecordsItsSyncStatus() throws {
        let dir = TemporaryStore()
        let throttled = SourceFailure(.throttled, "ThrottlingException: Rate exceeded", retryAfter: 8)
        let source = ScriptedSource(name: "aws", script: [.failure(throttled), .success([.vault(Self.vault("a"))])])
        let seen = Seen()
        let runner = SourceRunner(source: source, store: dir.store, clock: FixedClock(Self.now), events: seen.events)
        runner.runOnce(resuming: AccountState())
        let failing = try #require(seen.statuses.withLock { $0.last })
        #expect(failing.failure == throttled)
        #expect(failing.failingSince == Self.now)
        #expect(failing.nextPoll == Self.now + 8)
        #expect(failing.starting)
        #expect(seen.notices.withLock { $0 } == [Notice(.error, "aws source failed (throttled): ThrottlingException: Rate exceeded")])
        let syncs = try dir.store.load().records.compactMap { r -> SyncStatus? in if case .sync(let s) = r { s } else { nil } }
        #expect(syncs.map(\.error) == ["throttled: ThrottlingException: Rate exceeded"])

        runner.runOnce(resuming: AccountState())
        let recovered = try #require(seen.statuses.withLock { $0.last })
        #expect(recovered.failure == nil)
        #expect(recovered.lastSuccess == Self.now)
        #expect(source.committed == 1)
    }

    @Test func aBatchTheStoreRefusesIsKeptAndNotCommittedUntilWritten() throws {
        let dir = TemporaryStore()
        let source = ScriptedSource(name: "s", script: [.success([.vault(Self.vault("a"))]), .success([.vault(Self.vault("b"))])])
        let seen = Seen()
        let runner = SourceRunner(source: source, store: dir.store, clock: FixedClock(Self.now), events: seen.events)
        // A store whose vaults file cannot be written (a directory in its place).
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("vaults.jsonl"), withIntermediateDirectories: true)
        runner.runOnce(resuming: AccountState())
        #expect(source.committed == 0)
        #expect(seen.statuses.withLock { $0.last?.failure?.kind } == .storeRefused)
        try FileManager.default.removeItem(at: dir.url.appendingPathComponent("vaults.jsonl"))
        runner.runOnce(resuming: AccountState())
        #expect(source.polls == 1, "the kept batch is written before the source is polled again")
        #expect(source.committed == 1)
        #expect(try dir.store.load().records.contains(.vault(Self.vault("a"))))
    }

    @Test func severalSourcesRunAtOnceAndASlowOneDelaysNeitherTheOthersNorAnAcknowledgement() throws {
        let dir = TemporaryStore()
        let slow = ScriptedSource(name: "slow", script: [.success([.vault(Self.vault("slow"))])], blockFor: 30)
        let fast = ScriptedSource(name: "fast", script: [.success([.vault(Self.vault("fast"))])])
        let snapshots = Mutex<[AccountSnapshot]>([])
        let worker = SyncWorker(
            store: dir.store, sources: [slow, fast], rules: [], clock: FixedClock(Self.now),
            publish: { s in snapshots.withLock { $0.append(s) } }, fail: { _ in })
        try dir.store.append([.alert(Alert(raisedBy: "r", for: ApiCall(
            id: "ev-1", time: Self.now, action: "DeleteRecoveryPoint", principal: .root(account: "111122223333"),
            accountId: "111122223333", region: "us-east-1")))])
        worker.start()
        let begun = Date()
        func waitFor(_ what: (AccountSnapshot) -> Bool) -> Bool {
            while Date().timeIntervalSince(begun) < 10 {
                if snapshots.withLock({ $0.last.map(what) }) == true { return true }
                usleep(10_000)
            }
            return false
        }
        #expect(waitFor { $0.state.vaults[Self.vault("fast").key] != nil })
        let acked = DispatchSemaphore(value: 0)
        worker.acknowledge(alertId: Alert.id(forCall: "ev-1"), note: nil, by: "sam@ops") { _ in acked.signal() }
        #expect(acked.wait(timeout: .now() + 5) == .success)
        #expect(waitFor { $0.state.isAcknowledged(Alert.id(forCall: "ev-1")) })
        #expect(Date().timeIntervalSince(begun) < 10, "nothing waited for the slow source's 30 s poll")
        #expect(snapshots.withLock { $0.last?.sources.map(\.name) } == ["slow", "fast"])
        #expect(snapshots.withLock { $0.last?.sources.first?.starting } == true)
        worker.stopAndWait()
        let cancelled = slow.cancelled.load(ordering: .relaxed)
        #expect(cancelled, "quitting abandons the long poll")
        #expect(Date().timeIntervalSince(begun) < 15)
    }
}

/// A store in a temporary directory, removed with the value.
final class TemporaryStore {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vw-runner-\(UUID().uuidString)")
    lazy var store: Store = try! Store(directory: url)
    deinit { try? FileManager.default.removeItem(at: url) }
}
