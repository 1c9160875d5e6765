import Foundation
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

@Suite("Compaction")
struct CompactionTests {
    /// What a load gives, as the screens see it: vaults, each vault's points (in ARN order: a
    /// point keeps its place in a vault's list only until compaction), alerts and acknowledgements.
    struct Seen: Equatable {
        var vaults: [VaultKey: Vault]
        var points: [VaultKey: [RecoveryPoint]]
        var alerts: [Alert]
        var acknowledgements: [String: [Acknowledgement]]
        var jobs: [BackupJob]
        var lastSync: SyncStatus?

        init(_ store: Store) throws {
            let load = try store.load()
            #expect(load.problems == [])
            var state = AccountState()
            state.apply(load.records)
            vaults = state.vaults
            points = state.pointsByVault.mapValues { $0.sorted { $0.arn < $1.arn } }
            alerts = Array(state.alerts)
            acknowledgements = state.acknowledgements
            jobs = state.jobs
            lastSync = state.lastSync
        }
    }

    /// A store whose vaults and points were snapshotted again and again, some removed, plus
    /// alerts, acks, jobs and sync lines that compaction must leave alone.
    static func churned(in dir: borrowing TemporaryDirectory) throws -> Store {
        let store = try Store(directory: dir.store)
        for round in 0..<4 {
            var records: [Record] = []
            for name in ["prod", "WORM_vault", "scratch"] {
                var vault = Fixture.vault(name)
                vault.lock?.minRetentionDays = 7 + round
                records.append(.vault(vault))
                for id in 0..<5 {
                    var point = Fixture.point(id, in: name)
                    point.sizeBytes += Int64(round)
                    records.append(.recoveryPoint(point))
                }
            }
            records.append(.job(Fixture.job("job-\(round)")))
            records.append(.alert(Fixture.alert("ev-\(round)")))
            records.append(.sync(Fixture.sync))
            try store.append(records)
        }
        try store.append([
            .vaultRemoved(Fixture.key("scratch"), at: Fixture.now),
            .recoveryPointRemoved(arn: Fixture.point(3, in: "prod").arn, vault: Fixture.key("prod"), at: Fixture.now),
            .acknowledgement(Fixture.ack(1, of: Fixture.alert("ev-0").id)),
        ])
        return store
    }

    /// The bytes of the files compaction must never change.
    static func untouched(_ dir: borrowing TemporaryDirectory) -> [[UInt8]] {
        ["alerts.jsonl", "acks.jsonl", "jobs.jsonl", "sync.jsonl"].map { bytes(of: dir.file($0)) }
    }

    @Test("each vault and point keeps its newest line; what a load gives is the same; other files are untouched")
    func keepsNewestLines() throws {
        let dir = TemporaryDirectory()
        let store = try Self.churned(in: dir)
        let before = try Seen(store)
        let others = Self.untouched(dir)
        let oldVaults = lines(of: dir.file("vaults.jsonl"))

        let report = try Store(directory: dir.store).compact()
        let vaults = lines(of: dir.file("vaults.jsonl"))
        #expect(vaults == [oldVaults[9], oldVaults[10], oldVaults[12]])  // prod, WORM_vault, scratch's removal
        #expect(seqs(of: dir.file("vaults.jsonl")) == [10, 11, 13])
        #expect(lines(of: dir.file("points/111122223333.eu-west-1.prod.jsonl")).count == 5)  // 4 points and one removal
        #expect(report.files.map(\.file) == ["vaults.jsonl", "points/111122223333.eu-west-1.WORM_vault.jsonl", "points/111122223333.eu-west-1.prod.jsonl", "points/111122223333.eu-west-1.scratch.jsonl"])
        #expect(report.files.map(\.linesBefore) == [13, 20, 21, 20])
        #expect(report.files.map(\.linesAfter) == [3, 5, 5, 5])
        #expect(report.bytesAfter < report.bytesBefore)
        #expect(report.files[0].bytesAfter == bytes(of: dir.file("vaults.jsonl")).count)

        #expect(try Seen(Store(directory: dir.store)) == before)
        #expect(Self.untouched(dir) == others)
        #expect(try Store(directory: dir.store).verify().chainsHold)

        // Appends go on from the last sequence number, and compacting again changes nothing.
        try Store(directory: dir.store).append([.vault(Fixture.vault("new"))])
        #expect(seqs(of: dir.file("vaults.jsonl")) == [10, 11, 13, 14])
        let again = try Store(directory: dir.store).compact()
        #expect(again.files.allSatisfy { !$0.wasRewritten })
    }

    @Test("a crash after any step loses nothing: the store opens cleanly and loads the same", arguments: CompactionStep.allCases)
    func crashAfter(_ crashStep: CompactionStep) throws {
        struct Crash: Error {}
        let dir = TemporaryDirectory()
        let store = try Self.churned(in: dir)
        let before = try Seen(store)
        let others = Self.untouched(dir)

        #expect(throws: Crash.self) {
            try store.compact { step, file in
                if step == crashStep && file == .points(vault: Fixture.key("prod")) { throw Crash() }
            }
        }
        // vaults.jsonl and the WORM_vault points came before and were compacted; prod stopped.
        #expect(lines(of: dir.file("vaults.jsonl")).count == 3)
        let prodLines = lines(of: dir.file("points/111122223333.eu-west-1.prod.jsonl")).count
        #expect(prodLines == (crashStep == .tempWritten || crashStep == .tempSynced ? 21 : 5))
        let leftover = FileManager.default.fileExists(atPath: dir.file("points/111122223333.eu-west-1.prod.jsonl.compacting").path)
        #expect(leftover == (crashStep == .tempWritten || crashStep == .tempSynced))

        let reopened = try Store(directory: dir.store)
        #expect(try Seen(reopened) == before)
        #expect(Self.untouched(dir) == others)

        // The next compaction finishes the job and leaves no side file.
        let report = try reopened.compact()
        #expect(report.files.map(\.linesAfter) == [3, 5, 5, 5])
        #expect(!FileManager.default.fileExists(atPath: dir.file("points/111122223333.eu-west-1.prod.jsonl.compacting").path))
        #expect(try Seen(Store(directory: dir.store)) == before)
    }

    @Test("an appender that waited on the lock of the file being replaced appends to the new one")
    func appenderWaits() throws {
        let dir = TemporaryDirectory()
        let store = try Self.churned(in: dir)
        let appended = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        _ = try store.compact { step, file in
            guard step == .tempWritten, file == .vaults else { return }
            // Another process's append, started while the old file is locked.
            Thread.detachNewThread {
                do { try Store(directory: dir.store).append([.vault(Fixture.vault("late"))]) }
                catch { failure.withLock { $0 = "\(error)" } }
                appended.signal()
            }
            Thread.sleep(forTimeInterval: 0.2)  // let it block on the lock; the outcome holds either way
        }
        appended.wait()
        #expect(failure.withLock { $0 } == nil)
        let vaults = lines(of: dir.file("vaults.jsonl"))
        #expect(vaults.count == 4)
        #expect(vaults.last?.contains(#""name":"late""#) == true)
        #expect(seqs(of: dir.file("vaults.jsonl")) == [10, 11, 13, 14])
    }

    @Test("a torn last line is set aside first; a newer schema stops it with nothing changed")
    func tornAndNewer() throws {
        let dir = TemporaryDirectory()
        let store = try Self.churned(in: dir)
        try appendRaw(Array(#"{"data":{"name":"#.utf8), to: dir.file("vaults.jsonl"))
        let report = try store.compact()
        #expect(report.files[0].linesAfter == 3)
        #expect(String(decoding: bytes(of: dir.file("vaults.jsonl.torn")), as: UTF8.self).hasSuffix(#"{"data":{"name":"# + "\n"))

        try store.append([.recoveryPoint(Fixture.point(1, in: "prod"))])
        try appendRaw(Array(#"{"data":{},"schema":4,"seq":99,"type":"recovery-point"}"#.utf8) + [10], to: dir.file("points/111122223333.eu-west-1.prod.jsonl"))
        let before = snapshot(of: dir.store)
        #expect(throws: StoreError.newerSchema(file: dir.file("points/111122223333.eu-west-1.prod.jsonl").path, line: 7, version: 4, supported: 3)) {
            try store.compact()
        }
        #expect(snapshot(of: dir.store) == before)
    }
}
