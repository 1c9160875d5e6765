import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif
import VaultCore
import VaultStore

@testable import VaultSync
@testable import VaultDemo

/// The worker end to end over a real store in a temporary directory, with the demo as source
/// and a fixed clock.
@Suite struct SyncWorkerTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-worker-\(UUID().uuidString)")
    static let start = UTC.date(year: 2026, month: 11, day: 23, hour: 12)

    final class Published: Sendable {
        let snapshots = Mutex<[AccountSnapshot]>([])
        let failures = Mutex<[String]>([])
        var last: AccountSnapshot? { snapshots.withLock { $0.last } }
    }

    func worker(_ published: Published, source: (any Source)? = DemoSource(), at instant: Date = start) throws -> SyncWorker {
        SyncWorker(
            store: try Store(directory: directory), source: source, rules: [DemoAccount.alertRule],
            clock: FixedClock(instant), publish: { s in published.snapshots.withLock { $0.append(s) } },
            fail: { m in published.failures.withLock { $0.append(m) } })
    }

    @Test func theDemoIsWrittenThroughTheStoreAndNonAdminCallsRaiseAlerts() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let published = Published()
        let w = try worker(published, at: Self.start)
        w.syncNow()  // seeds the account
        w.syncNow()  // the first poll: the demo's opening attempts by non-admins
        let state = try #require(published.last).state
        #expect(state.vaults.keys.sorted().map(\.name) == ["WORM_vault", "central-backup-vault", "legacy-governance", "scratch"])
        #expect(state.alerts.count >= 3)
        #expect(state.alerts.allSatisfy { !DemoAccount.alertRule.isAdmin($0.principal) })
        // What the screen shows is what the store holds: a fresh load gives the same account.
        var reloaded = AccountState()
        reloaded.apply(try Store(directory: directory).load().records)
        #expect(reloaded.alerts.map(\.id) == state.alerts.map(\.id))
        #expect(reloaded.vaults == state.vaults)
    }

    @Test func anAcknowledgementIsDurableBeforeItIsReportedAndShowsInTheNextSnapshot() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let published = Published()
        let w = try worker(published)
        w.syncNow()
        let alert = try #require(published.last?.state.alerts.first)
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<String??>(nil)
        w.acknowledge(alertId: alert.id, note: "checked", by: "sam@ops") { error in
            outcome.withLock { $0 = .some(error) }
            done.signal()
        }
        done.wait()
        #expect(outcome.withLock { $0 } == .some(nil))
        let onDisk = try Store(directory: directory).load().records.compactMap { r -> Acknowledgement? in
            if case .acknowledgement(let a) = r { return a } else { return nil }
        }
        #expect(onDisk.map(\.alertId) == [alert.id])
        #expect(published.last?.state.acknowledgement(of: alert.id)?.note == "checked")
    }

    /// What the worker takes in from other processes is published from a thread that does not
    /// outrank the screen's (never below nice 0 on Linux, where user-initiated work ran at -2 as root).
    @Test func theWorkerDoesNotOutrankTheScreen() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let seen = Mutex<[(acknowledged: Bool, nice: Int32)]>([])
        let w = SyncWorker(
            store: try Store(directory: directory), source: nil, rules: [DemoAccount.alertRule], clock: FixedClock(Self.start),
            tickInterval: .milliseconds(20),
            publish: { s in
                let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                seen.withLock { $0.append((s.state.acknowledgement(of: "from-elsewhere") != nil, nice)) }
            },
            fail: { _ in })
        w.start()
        defer { w.stop() }
        // Another process appends; a tick takes it in.
        try Store(directory: directory).append([
            .acknowledgement(Acknowledgement(id: "x1", alertId: "from-elsewhere", by: "cli@host", at: Self.start, note: nil))
        ])
        let deadline = Date().addingTimeInterval(10)
        while !seen.withLock({ $0.contains { $0.acknowledged } }) && Date() < deadline { usleep(10_000) }
        let ticked = try #require(seen.withLock { $0.first { $0.acknowledged } })
        #expect(ticked.nice >= 0)
    }

    @Test func anAcknowledgementFromAnotherProcessIsNoticed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let published = Published()
        let w = try worker(published)
        w.syncNow()
        let alert = try #require(published.last?.state.alerts.first)
        // `vaultwatch ack` in another terminal: its own Store instance on the same directory.
        try Store(directory: directory).append([
            .acknowledgement(Acknowledgement(id: "x1", alertId: alert.id, by: "cli@host", at: Self.start, note: nil))
        ])
        w.syncNow()
        #expect(published.last?.state.acknowledgement(of: alert.id)?.by == "cli@host")
    }

    @Test func anAlertAnotherProcessAcknowledgedFirstIsNotAcknowledgedTwice() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let published = Published()
        let w = try worker(published)
        w.syncNow()
        let alert = try #require(published.last?.state.alerts.first)
        // Another process wins the race before this worker has read its line.
        let first = Acknowledgement(id: "x1", alertId: alert.id, by: "cli@host", at: Self.start, note: nil)
        #expect(try Store(directory: directory).acknowledge(first) == .recorded(first))
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<String??>(nil)
        w.acknowledge(alertId: alert.id, note: "late", by: "sam@ops") { error in
            outcome.withLock { $0 = .some(error) }
            done.signal()
        }
        done.wait()
        #expect(outcome.withLock { $0 } == .some("already acknowledged by cli@host at \(UTC.second(Self.start)) UTC"))
        let acks = try Store(directory: directory).load().records.filter {
            if case .acknowledgement = $0 { return true } else { return false }
        }
        #expect(acks.count == 1)
        #expect(published.last?.state.acknowledgement(of: alert.id)?.by == "cli@host")
    }

    @Test func malformedAndTornLinesAreReportedAndEverythingElseLoads() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)
        let alertRecord = Record.acknowledgement(Acknowledgement(id: "a", alertId: "0123456789abcdef", by: "x", at: Self.start, note: nil))
        try store.append([alertRecord])
        let acks = directory.appendingPathComponent("acks.jsonl")
        let handle = try FileHandle(forWritingTo: acks)
        handle.seekToEndOfFile()
        handle.write(Data("{not json}\n".utf8))
        handle.write(Data(#"{"data":{"#.utf8))  // a writer killed mid-line
        try handle.close()

        let published = Published()
        let w = try worker(published, source: nil)
        w.syncNow()
        let snapshot = try #require(published.last)
        #expect(snapshot.state.acknowledgement(of: "0123456789abcdef")?.by == "x")
        let notices = snapshot.notices.map(\.text)
        #expect(notices.contains { $0.hasPrefix("acks.jsonl:2:") }, "\(notices)")
        #expect(notices.contains { $0.contains("set aside 9 bytes of a torn last line in acks.jsonl.torn") }, "\(notices)")
        let side = try String(contentsOf: directory.appendingPathComponent("acks.jsonl.torn"), encoding: .utf8)
        #expect(side.hasSuffix("{\"data\":{\n"))
    }

    @Test func aNewerSchemaStopsTheWorkerAndChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let line = #"{"data":{},"schema":99,"seq":1,"type":"alert"}"# + "\n" + #"{"data":{"# 
        let alerts = directory.appendingPathComponent("alerts.jsonl")
        try Data(line.utf8).write(to: alerts)
        let published = Published()
        let w = try worker(published)
        w.syncNow()
        let failures = published.failures.withLock { $0 }
        #expect(failures.count == 1)
        #expect(failures.first?.contains("schema") == true)
        #expect(try Data(contentsOf: alerts) == Data(line.utf8))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("vaults.jsonl").path))
    }

    @Test func aCallStoredWithoutItsAlertRaisesItOnTheNextStart() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // A process died between writing the call and its alert.
        let intruder = Principal.role("DevOps", session: "alice", account: DemoAccount.accountId)
        let call = ApiCall(
            id: "evt-crash", time: Self.start, action: "DeleteRecoveryPoint", principal: intruder,
            vaultName: "central-backup-vault", errorCode: "AccessDenied", accountId: DemoAccount.accountId,
            region: DemoAccount.region)
        try Store(directory: directory).append([.call(call)])
        let published = Published()
        try worker(published, source: nil).syncNow()
        #expect(published.last?.state.alert(id: Alert.id(forCall: "evt-crash")) != nil)
        let stored = try Store(directory: directory).load().records.filter { $0.type == .alert }
        #expect(stored.count == 1)
        // And only once: a second worker on the same store finds it already raised.
        let again = Published()
        try worker(again, source: nil).syncNow()
        #expect(try Store(directory: directory).load().records.filter { $0.type == .alert }.count == 1)
    }

    @Test func aFirstLoadOfManyCallsRaisesEachMissingAlertOnceInCallOrder() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // More calls than are matched on one thread: a third already alerted, a third by an admin.
        let intruder = Principal.role("DevOps", session: "alice", account: DemoAccount.accountId)
        let admin = Principal.role("BackupVaultAdmin", session: "maria", account: DemoAccount.accountId)
        var records: [Record] = []
        var expected: [String] = []
        for n in 0..<(AlertRaising.parallelMinimum + 1_000) {
            let call = ApiCall(
                id: "evt-\(n)", time: Self.start, action: "DeleteRecoveryPoint", principal: n % 3 == 2 ? admin : intruder,
                vaultName: "central-backup-vault", errorCode: "AccessDenied", accountId: DemoAccount.accountId,
                region: DemoAccount.region)
            records.append(.call(call))
            if n % 3 == 0 { records.append(.alert(Alert(raisedBy: DemoAccount.alertRule.name, for: call))) }
            if n % 3 == 1 { expected.append(Alert.id(forCall: call.id)) }
        }
        // A call read twice raises its alert once.
        records.append(records[2])
        try Store(directory: directory).append(records)
        let before = try Store(directory: directory).load().records.filter { $0.type == .alert }.count
        let published = Published()
        try worker(published, source: nil).syncNow()
        let alerts = try Store(directory: directory).load().records.compactMap { r -> Alert? in
            if case .alert(let a) = r { return a }
            return nil
        }
        #expect(alerts.dropFirst(before).map(\.id) == expected)
        #expect(published.last?.state.alerts.count == before + expected.count)
    }

    @Test func aReplacedFileIsNotAppliedTwice() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)
        try store.append([.acknowledgement(Acknowledgement(id: "k1", alertId: "0123456789abcdef", by: "x", at: Self.start, note: nil))])
        let published = Published()
        let w = try worker(published, source: nil)
        w.syncNow()
        // Another tool rewrites acks.jsonl (copy and rename): same content, new inode.
        let acks = directory.appendingPathComponent("acks.jsonl")
        let copy = directory.appendingPathComponent("acks.copy")
        try FileManager.default.copyItem(at: acks, to: copy)
        _ = rename(copy.path, acks.path)
        w.syncNow()
        #expect(published.last?.state.acknowledgements["0123456789abcdef"]?.count == 1)
    }

    @Test func aBrokenHashChainIsAnErrorOnScreen() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)
        for n in 1...3 {
            try store.append([.acknowledgement(Acknowledgement(id: "k\(n)", alertId: "0123456789abcdef", by: "x", at: Self.start, note: nil))])
        }
        let acks = directory.appendingPathComponent("acks.jsonl")
        let edited = try String(contentsOf: acks, encoding: .utf8).replacingOccurrences(of: #""id":"k2""#, with: #""id":"k9""#)
        try Data(edited.utf8).write(to: acks)

        let published = Published()
        try worker(published, source: nil).syncNow()
        let notices = try #require(published.last).notices
        #expect(notices.filter { $0.level == .error }.map(\.text) == [
            "acks.jsonl: hash chain broken at line 2: altered (line 3 holds a different hash of it)"
        ])
        #expect(published.last?.brokenChains == ["acks.jsonl"])
    }
}

/// Another process compacting the store under a running sync (`vaultwatch store compact` in a loop)
/// is expected: said once as a plain notice, not a warning per file at every compaction.
@Suite struct CompactionNoticeTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-compacted-\(UUID().uuidString)")

    @Test func anotherProcesssCompactionsAreSaidOnceAsANotice() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let wall = StoreTimeWorkerTests.Wall(UTC.date(year: 2026, month: 11, day: 23, hour: 12))
        let published = SyncWorkerTests.Published()
        let worker = SyncWorker(
            store: try Store(directory: directory), source: DemoSource(), rules: [DemoAccount.alertRule], clock: wall,
            publish: { s in published.snapshots.withLock { $0.append(s) } }, fail: { _ in })
        defer { worker.stop() }
        worker.syncNow()
        var rewritten = 0
        for _ in 0..<4 {
            wall.advance(6 * 3600)
            worker.syncNow()
            if try Store(directory: directory).compact().files.contains(where: { $0.wasRewritten }) { rewritten += 1 }
            worker.syncNow()
        }
        #expect(rewritten >= 2)
        let notices = try #require(published.last).notices
        let compactions = notices.filter { $0.text.contains("another process compacted the store") }
        #expect(compactions.count == 1, "\(notices)")
        #expect(compactions.first?.level == .info)
        #expect(!notices.contains { $0.level == .warning }, "\(notices)")
        // What was read again is the account as it is: a fresh load gives the same alerts and vaults.
        let reloaded = try Store(directory: directory).loadAccount().state
        #expect(published.last?.state.vaults == reloaded.vaults)
        #expect(published.last?.state.alerts.map(\.id) == reloaded.alerts.map(\.id))
    }
}

/// The demo's simulated time outlives its run: a demo faster than real time stamps its syncs, and
/// a dashboard opened on the store later (or alongside) shows the store's time, not the wall's.
@Suite struct StoreTimeWorkerTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-storetime-\(UUID().uuidString)")

    final class Wall: Clock, @unchecked Sendable {
        let instant: Mutex<Date>
        init(_ d: Date) { instant = Mutex(d) }
        func now() -> Date { instant.withLock { $0 } }
        func advance(_ s: TimeInterval) { instant.withLock { $0 += s } }
    }

    @Test func aFastDemoLeavesTheStoreAheadAndAWatchingClockFollowsIt() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let wall = Wall(UTC.date(year: 2026, month: 11, day: 23, hour: 12))
        let start = wall.now()
        let fast = SimulatedClock(origin: start, speed: 3600, base: wall)
        let demo = SyncWorker(
            store: try Store(directory: directory), source: DemoSource(), rules: [DemoAccount.alertRule], clock: fast,
            publish: { _ in }, fail: { _ in })
        demo.syncNow()
        wall.advance(2)  // two hours of simulated time
        demo.syncNow()
        demo.stop()
        let state = try Store(directory: directory).loadAccount().state
        let stamp = try #require(state.simulatedSync?.simulated)
        #expect(stamp.speed == 3600)
        #expect(StoreTime(state, wall: wall.now()).ahead > 7100, "about two hours ahead")

        // A dashboard opened later on the wall clock moves to the store's time on load.
        wall.advance(60)
        let watching = SimulatedClock(origin: wall.now(), speed: 1, base: wall)
        let follower = SyncWorker(
            store: try Store(directory: directory), source: nil, rules: [DemoAccount.alertRule], clock: watching,
            publish: { _ in }, fail: { _ in })
        follower.syncNow()
        follower.stop()
        #expect(watching.now() == StoreTime(state, wall: wall.now()).now)
        #expect(watching.now() >= state.latestInstant ?? .distantFuture, "nothing in the store is in its future")
    }
}
