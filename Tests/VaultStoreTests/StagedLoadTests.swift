import Foundation
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

@Suite("A staged load: everything but the points, then the points files")
struct StagedLoadTests {
    /// A store with vaults, points (one removed, one replaced), alerts and an acknowledgement.
    static func populated(_ dir: borrowing TemporaryDirectory) throws -> Store {
        let store = try Store(directory: dir.store)
        var records: [Record] = [.vault(Fixture.vault("a")), .vault(Fixture.vault("prod/eu"))]
        for i in 0..<40 { records.append(.recoveryPoint(Fixture.point(i, in: i % 3 == 0 ? "prod/eu" : "a"))) }
        records.append(.recoveryPointRemoved(arn: Fixture.point(4, in: "a").arn, vault: Fixture.key("a"), at: Fixture.now))
        var replaced = Fixture.point(5, in: "a")
        replaced.status = .deleting
        records.append(.recoveryPoint(replaced))
        let alert = Fixture.alert("ev-1")
        records += [.alert(alert), .acknowledgement(Fixture.ack(1, of: alert.id)), .sync(Fixture.sync)]
        records += [.job(Fixture.job("j1")), .call(Fixture.call("ev-1")), .job(Fixture.job("j2"))]
        try store.append(records)
        return store
    }

    @Test("gives the state that applying every record in order gives")
    func sameStateAsApplyingRecords() throws {
        let dir = TemporaryDirectory()
        let store = try Self.populated(dir)
        var expected = AccountState()
        expected.apply(try store.load().records)

        let seen = Mutex<[PointsLoadProgress]>([])
        let load = try store.loadAccount { p in seen.withLock { $0.append(p) } }
        #expect(load.problems == [])
        #expect(load.state.pointsByVault == expected.pointsByVault)
        #expect(load.state.vaults == expected.vaults)
        #expect(load.state.alerts == expected.alerts)
        #expect(load.state.unacknowledgedAlertCount == expected.unacknowledgedAlertCount)
        #expect(load.state.latestInstant == expected.latestInstant)
        #expect(load.state.jobs == expected.jobs)
        #expect(load.state.calls == expected.calls)
        #expect(load.state.points(in: Fixture.key("a")).map(\.arn) == expected.points(in: Fixture.key("a")).map(\.arn))

        let progress = seen.withLock { $0 }
        #expect(progress.first?.loadedBytes == 0)
        #expect(progress.first?.pendingVaults == [Fixture.key("a"), Fixture.key("prod/eu")])
        #expect(progress.last?.percent == 100)
        #expect(progress.last?.pendingVaults == [])
        #expect(try load.tail.poll().records == [])
    }

    @Test("appends made during the load are read exactly once")
    func appendsDuringTheLoad() throws {
        let dir = TemporaryDirectory()
        let store = try Self.populated(dir)
        let tail = store.makeTail()
        let (first, files) = try tail.pollDeferringBulk()
        #expect(first.records.contains(.vault(Fixture.vault("a"))))
        #expect(first.records.contains(.sync(Fixture.sync)))
        #expect(!first.records.contains { [.recoveryPoint, .job, .call].contains($0.type) })
        #expect(Set(files.map(\.relativePath)) == ["points/111122223333.eu-west-1.a.jsonl", "points/111122223333.eu-west-1.prod%2Feu.jsonl", "events.jsonl", "jobs.jsonl"])
        let events = try #require(files.first { $0.relativePath == "events.jsonl" })
        #expect(try tail.readDeferred(events).records == [.call(Fixture.call("ev-1"))])

        // Before its file is read: the point comes with the file. Polls leave deferred files alone.
        try store.append([.recoveryPoint(Fixture.point(100, in: "a"))])
        #expect(try tail.poll().records == [])
        let a = try #require(files.first { $0.holds(vault: Fixture.key("a")) })
        let loadA = try tail.readDeferred(a)
        #expect(loadA.lists[Fixture.key("a")]?.point(arn: Fixture.point(100, in: "a").arn) != nil)
        #expect(try tail.readDeferred(a).lists.isEmpty)

        // After its file is read: the point comes with the next poll, once.
        try store.append([.recoveryPoint(Fixture.point(101, in: "a")), .recoveryPoint(Fixture.point(102, in: "prod/eu"))])
        #expect(try tail.poll().records == [.recoveryPoint(Fixture.point(101, in: "a"))])
        let eu = try #require(files.first { $0.holds(vault: Fixture.key("prod/eu")) })
        let loadEU = try tail.readDeferred(eu)
        #expect(loadEU.lists[Fixture.key("prod/eu")]?.point(arn: Fixture.point(102, in: "prod/eu").arn) != nil)
        #expect(try tail.poll().records == [])
    }

    @Test("malformed lines in a points file are reported with their line numbers; a newer schema throws")
    func problemsInDeferredFiles() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.recoveryPoint(Fixture.point(1, in: "a"))])
        try appendRaw(Array("garbage\n".utf8), to: dir.file("points/111122223333.eu-west-1.a.jsonl"))
        try store.append([.recoveryPoint(Fixture.point(2, in: "a"))])
        let load = try store.loadAccount()
        #expect(load.problems.map(\.description) == ["points/111122223333.eu-west-1.a.jsonl:2: not valid JSON"])
        #expect(load.state.points(in: Fixture.key("a")).count == 2)

        try appendRaw(Array(#"{"data":{},"schema":99,"seq":9,"type":"recovery-point"}"#.utf8) + [10], to: dir.file("points/111122223333.eu-west-1.a.jsonl"))
        #expect(throws: StoreError.self) { try store.loadAccount() }
    }
}
