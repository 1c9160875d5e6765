import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// Each points file's summary: kept up to date by every append (added to for new points, made
/// again for anything else), believed only while it is of the file as it is, checked by a whole
/// load, written again by a repair; and the commands' partial reads say what a whole load says.
@Suite("Points summaries")
struct PointsSummaryTests {
    typealias Random = PointLineDecoderTests.Random

    /// What reading everything says of each vault's points.
    static func truth(_ store: URL) throws -> [VaultKey: PointsSummary] {
        try Store(readingFrom: store).loadAccount().state.pointsByVault.mapValues(\.summary)
    }

    /// What the summaries (and only they, when current) say.
    static func summaries(_ store: URL, _ points: PointsReading = .summaries) throws -> StoreOverview {
        try Store(readingFrom: store).read([.vaults], points: points)
    }

    static func onDisk(_ dir: borrowing TemporaryDirectory, vault: String) -> PointsFileSummary? {
        PointsFileSummary.decode(bytes(of: dir.file(StoreFile.points(vault: Fixture.key(vault)).summaryRelativePath)))
    }

    /// A file of `vault`'s points, or its summary: `points/ACCOUNT.REGION.NAME.jsonl` and the like.
    static func path(_ vault: String, _ suffix: String = ".jsonl") -> String {
        String(StoreFile.points(vault: Fixture.key(vault)).relativePath.dropLast(".jsonl".count)) + suffix
    }

    @Test("appends of new points, new snapshots of points, removals: the summary is the points'")
    func followsAppends() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        var r = Random(state: 31)
        var written: [RecoveryPoint] = []
        for round in 0..<40 {
            var batch: [Record] = []
            for _ in 0..<(1 + r.next(30)) {
                var p = Fixture.point(r.next(400), in: r.pick(["a", "b"]))
                p.status = r.pick(RecoveryPoint.Status.allCases)
                p.creationDate = Fixture.instant(1_795_000_000_000 + Int64(r.next(1_000_000)) * 1000)
                if round % 7 == 6, !written.isEmpty {
                    let old = r.pick(written)
                    batch.append(.recoveryPointRemoved(arn: old.arn, vault: old.vaultKey, at: Fixture.now))
                }
                batch.append(.recoveryPoint(p))
                written.append(p)
            }
            try store.append(batch)
            let truth = try Self.truth(dir.store)
            #expect(try Self.summaries(dir.store).points == truth, "round \(round)")
            for vault in ["a", "b"] where truth[Fixture.key(vault)] != nil {
                #expect(Self.onDisk(dir, vault: vault)?.vaults[Fixture.key(vault)] == truth[Fixture.key(vault)])
            }
        }
    }

    @Test("a summary of other content is not believed: the file is read instead")
    func staleIsNotBelieved() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append((0..<20).map { .recoveryPoint(Fixture.point($0, in: "a")) })
        // Another writer (an older vaultwatch) appends without touching the summary.
        let extra = try TailTests.line(.recoveryPoint(Fixture.point(99, in: "a")), seq: 21)
        let handle = try FileHandle(forWritingTo: dir.file(Self.path("a")))
        handle.seekToEndOfFile()
        handle.write(Data(extra))
        try handle.close()
        #expect(try Self.summaries(dir.store).points[Fixture.key("a")]?.points == 21)
        #expect(try Self.summaries(dir.store, .counts).points[Fixture.key("a")]?.points == 21)
        // An unfinished last line is no reason to read the file: the summary covers every complete one.
        let torn = try FileHandle(forWritingTo: dir.file(Self.path("a")))
        torn.seekToEndOfFile()
        torn.write(Data(#"{"data":{"arn":"half"#.utf8))
        try torn.close()
        #expect(try Self.summaries(dir.store).points[Fixture.key("a")]?.points == 21)
        // The next append puts the summary right again.
        try store.append([.recoveryPoint(Fixture.point(100, in: "a"))])
        #expect(Self.onDisk(dir, vault: "a")?.vaults[Fixture.key("a")]?.points == 22)
        #expect(try Self.truth(dir.store)[Fixture.key("a")]?.points == 22)
    }

    @Test("a summary that lies is caught by a whole load, and repaired")
    func lyingSummary() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append((0..<10).map { .recoveryPoint(Fixture.point($0, in: "a")) })
        // Well formed, its check right, its count wrong: as a writer with a bug would leave it.
        let path = dir.file(Self.path("a", ".summary"))
        var lying = try #require(PointsFileSummary.decode(bytes(of: path)))
        lying.vaults[Fixture.key("a")]?.points = 11
        try write(try lying.encoded(), to: path)
        let problems = try Store(readingFrom: dir.store).loadAccount().problems
        #expect(problems.map(\.kind) == [.summary], "\(problems)")
        #expect(problems.first?.message.contains("11 points") == true)
        let repairs = try Store(directory: dir.store).repair()
        #expect(repairs.contains { $0.file == Self.path("a", ".summary") && $0.message.contains("did not say what the file holds") })
        #expect(try Store(readingFrom: dir.store).loadAccount().problems.isEmpty)
        #expect(try Store(directory: dir.store).repair().isEmpty)
    }

    @Test("compaction, removed vaults, and many vaults in one file")
    func compactionKeepsItRight() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        for n in 0..<3 {
            try store.append((0..<15).map { i in
                var p = Fixture.point(i, in: "a")
                p.sizeBytes = Int64(n * 100 + i)
                return .recoveryPoint(p)
            })
        }
        _ = try store.compact()
        #expect(Self.onDisk(dir, vault: "a")?.vaults[Fixture.key("a")] == (try Self.truth(dir.store))[Fixture.key("a")])
        #expect(try Store(readingFrom: dir.store).loadAccount().problems.isEmpty)
    }

    @Test("the commands' partial reads give what a whole load gives")
    func partialReadsAgree() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.vault(Fixture.vault("a")), .vault(Fixture.vault("b"))])
        try store.append((0..<30).map { .recoveryPoint(Fixture.point($0, in: $0 % 2 == 0 ? "a" : "b")) })
        let whole = try Store(readingFrom: dir.store).loadAccount().state
        let overview = try Self.summaries(dir.store)
        #expect(overview.state.recency == whole.recency)
        #expect(overview.state.vaults == whole.vaults)
        #expect(overview.state.pointCount == 0)
        let one = try Store(readingFrom: dir.store).read([.vaults], points: .of(vaults: [Fixture.key("a")])).state
        #expect(one.points(in: Fixture.key("a")) == whole.points(in: Fixture.key("a")))
        #expect(one.points(in: Fixture.key("b")).isEmpty)
    }

    @Test("a read writes nothing, not even a missing summary")
    func readsWriteNothing() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.recoveryPoint(Fixture.point(1, in: "a"))])
        try FileManager.default.removeItem(at: dir.file(Self.path("a", ".summary")))
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.file("points").path).sorted()
        #expect(try Self.summaries(dir.store).points[Fixture.key("a")]?.points == 1)
        _ = try Store(readingFrom: dir.store).loadAccount()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("points").path).sorted() == before)
    }

    @Test("a store from before schema 3: its points file's summary names the vault by name, and is read as the vault's")
    func legacyPointsFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.vault(Fixture.vault("c"))])
        try store.append((0..<12).map { i in
            var p = Fixture.point(i, in: "c")
            p.accountId = ""
            p.region = ""
            return .recoveryPoint(p)
        })
        #expect(FileManager.default.fileExists(atPath: dir.file("points/c.summary").path))
        let whole = try Store(readingFrom: dir.store).loadAccount()
        #expect(whole.problems.isEmpty, "\(whole.problems)")
        #expect(whole.state.points(in: Fixture.key("c")).count == 12)
        let overview = try Self.summaries(dir.store)
        #expect(overview.points == whole.state.pointsByVault.mapValues(\.summary))
        #expect(overview.state.recency == whole.state.recency)
        let one = try Store(readingFrom: dir.store).read([.vaults], points: .of(vaults: [Fixture.key("c")])).state
        #expect(one.points(in: Fixture.key("c")) == whole.state.points(in: Fixture.key("c")))
    }
}
