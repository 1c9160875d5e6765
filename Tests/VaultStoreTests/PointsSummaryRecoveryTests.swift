import Foundation
import Glibc
import Testing
import VaultCore

@testable import VaultStore

/// A points file's summary that is not of the file as it is (behind it, torn, missing, of a newer
/// file than the one there, or left behind by a writer killed between the points and the
/// summary) is never believed: readers read the points file itself and say what a whole load
/// says, and the next append makes the summary again. A writer that adds to the summary it holds
/// in memory does so only while the file is as it left it.
@Suite("Points summaries that are not current", .serialized)
struct PointsSummaryRecoveryTests {
    typealias S = PointsSummaryTests

    /// What every reading of the summaries gives, and what is on disk, against a whole load.
    static func expectAgrees(_ dir: borrowing TemporaryDirectory, _ context: String, onDisk: Bool = false) throws {
        let truth = try S.truth(dir.store)
        #expect(try S.summaries(dir.store).points == truth, "\(context): summaries")
        let counts = try S.summaries(dir.store, .counts).points.mapValues { PointsSummary(points: $0.points, bytes: $0.bytes, newest: $0.newest) }
        #expect(counts == truth.mapValues { PointsSummary(points: $0.points, bytes: $0.bytes, newest: $0.newest) }, "\(context): counts")
        let load = try Store(readingFrom: dir.store).loadAccount()
        #expect(!load.problems.contains { $0.kind == .summary }, "\(context): \(load.problems)")
        guard onDisk else { return }
        for (vault, summary) in truth {
            let file = StoreFile.points(vault: vault)
            let written = PointsFileSummary.decode(bytes(of: dir.file(file.summaryRelativePath)))
            #expect(written?.vaults[vault] == summary, "\(context): the summary written of \(vault)")
            #expect(written?.bytes == bytes(of: dir.file(file.relativePath)).count, "\(context): of the whole file")
            #expect(bytes(of: dir.file(file.arnsRelativePath)).count == summary.points * 8, "\(context): one hash a point")
        }
    }

    static func points(_ range: Range<Int>, in vault: String = "a") -> [Record] {
        range.map { .recoveryPoint(Fixture.point($0, in: vault)) }
    }

    @Test("the summary written directly reads back as what it was, hostile names and dates included")
    func encodingRoundTrips() throws {
        var vaults: [VaultKey: PointsSummary] = [:]
        for (index, text) in Fixture.hostileTexts.enumerated() {
            let key = VaultKey(accountId: index % 2 == 0 ? "" : "1111\(text)", region: text, name: "vault \(text)")
            var counted: [String: Date] = [:]
            for (n, arn) in Fixture.hostileTexts.enumerated() {
                counted["arn:\(arn)-\(index)"] = Date(timeIntervalSinceReferenceDate: 815_000_000.123 + Double(n) * 1e-3)
            }
            counted["arn:far"] = Date(timeIntervalSinceReferenceDate: 2.5e11)
            counted["arn:early"] = Date(timeIntervalSince1970: -1e-6)
            vaults[key] = PointsSummary(
                points: index * 1_000, bytes: Int64(index) << 40,
                newest: index == 0 ? nil : Date(timeIntervalSinceReferenceDate: 1e-7 * Double(index)), newestCounted: counted)
        }
        vaults[VaultKey(accountId: "", region: "", name: "empty")] = PointsSummary()
        let summary = PointsFileSummary(bytes: 123_456_789_012, lastLine: "ab\"\\\u{1}cd", arns: 42, vaults: vaults)
        let encoded = try summary.encoded()
        #expect(PointsFileSummary.decode(encoded) == summary)
        #expect(encoded.filter { $0 == UInt8(ascii: "\n") }.count == 3, "three lines, whatever the texts hold")
        let header = try JSONDecoder().decode(PointsFileSummary.Header.self, from: Data(encoded[..<encoded.firstIndex(of: 10)!]))
        #expect(header == summary.header)
        // Any byte changed, or the check line cut: not a summary.
        for index in stride(from: 0, to: encoded.count, by: 97) {
            var changed = encoded
            changed[index] ^= 0x01
            #expect(PointsFileSummary.decode(changed) == nil && PointsFileSummary.header(of: changed) == nil, "byte \(index)")
        }
        #expect(PointsFileSummary.decode(Array(encoded.dropLast())) == nil)
        #expect(PointsFileSummary.decode(encoded + Array(#"{"points":1}"#.utf8)) == summary, "what follows the check is no part of it")
        #expect(throws: (any Error).self) {
            try PointsFileSummary(bytes: 1, lastLine: "", arns: 0, vaults: [Fixture.key("a"): PointsSummary(newest: Date(timeIntervalSinceReferenceDate: .infinity))]).encoded()
        }
    }

    @Test("a summary behind its file: two writers taking turns, one of them an older vaultwatch that writes no summary")
    func behind() throws {
        let dir = TemporaryDirectory()
        let first = try Store(directory: dir.store)
        let second = try Store(directory: dir.store)
        for round in 0..<6 {
            try (round % 2 == 0 ? first : second).append(Self.points((round * 10)..<(round * 10 + 10)))
            try Self.expectAgrees(dir, "round \(round)", onDisk: true)
        }
        // A line the summary does not count, written by a writer that keeps no summary.
        try appendRaw(try TailTests.line(.recoveryPoint(Fixture.point(500, in: "a")), seq: 61), to: dir.file(S.path("a")))
        try Self.expectAgrees(dir, "behind by a line")
        #expect(PointsFileSummary.decode(bytes(of: dir.file(S.path("a", ".summary"))))?.vaults[Fixture.key("a")]?.points == 60)
        // The writer whose summary this was sees the file has moved on, and makes it again.
        try first.append(Self.points(600..<601))
        try Self.expectAgrees(dir, "after the next append", onDisk: true)
    }

    @Test("a torn summary, whole or past its first line, is not believed and is made again")
    func torn() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Self.points(0..<30))
        let summary = dir.file(S.path("a", ".summary"))
        let whole = bytes(of: summary)
        let firstLine = whole.firstIndex(of: UInt8(ascii: "\n"))!
        for cut in [1, firstLine / 2, firstLine, firstLine + 1, whole.count - 2] {
            try write(Array(whole[..<cut]), to: summary)
            try Self.expectAgrees(dir, "cut at \(cut) of \(whole.count)")
        }
        // A writer with nothing in memory reads the torn summary, does not believe it, makes it again.
        try Store(directory: dir.store).append(Self.points(30..<31))
        try Self.expectAgrees(dir, "after a new writer's append", onDisk: true)
        // The writer that holds the summary in memory writes it whole.
        try write(Array(whole[..<(firstLine + 5)]), to: summary)
        try store.append(Self.points(31..<32))
        try Self.expectAgrees(dir, "after the first writer's append", onDisk: true)
        // A summary written over another and cut short: the new one's start, the old one's rest.
        let older = bytes(of: summary)
        try store.append(Self.points(32..<40))
        let newer = bytes(of: summary)
        for cut in [10, firstLine / 2, firstLine + 3, newer.count - 20] where cut < older.count {
            try write(Array(newer[..<cut]) + Array(older[cut...]), to: summary)
            try Self.expectAgrees(dir, "new up to \(cut), then old")
        }
    }

    @Test("a summary of format 1 (no check line, always written whole) is believed, and the next append writes this format")
    func formatOne() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Self.points(0..<25) + Self.points(0..<5, in: "b"))
        let summary = dir.file(S.path("a", ".summary"))
        let current = bytes(of: summary)
        let lines = current.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let formatOne = String(decoding: lines[0], as: UTF8.self).replacingOccurrences(of: #""format":2"#, with: #""format":1"#)
        let old = Array(formatOne.utf8) + [10] + Array(lines[1]) + [10]
        try write(old, to: summary)
        #expect(PointsFileSummary.decode(old)?.vaults == PointsFileSummary.decode(current)?.vaults)
        try Self.expectAgrees(dir, "format 1")
        // A writer with nothing in memory adds to it, and writes it in this format.
        try Store(directory: dir.store).append(Self.points(25..<30))
        #expect(PointsFileSummary.header(of: bytes(of: summary))?.format == PointsFileSummary.format)
        try Self.expectAgrees(dir, "after an append", onDisk: true)
        // Overwritten by this format and cut short: the new start with format 1's rest is not believed
        // while the file has moved on.
        let newer = bytes(of: summary)
        let format = newer.firstRange(of: Array(#""format":"#.utf8))!.upperBound
        try write(Array(newer[..<(format - 12)]) + Array(old[(format - 12)...]), to: summary)
        try Self.expectAgrees(dir, "mixed with format 1")
        #expect(try Store(readingFrom: dir.store).read([.vaults], points: .counts).points[Fixture.key("a")]?.points == 30)
    }

    @Test("a missing summary, or missing ARN hashes, are made again by the next append")
    func missing() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Self.points(0..<20) + Self.points(0..<5, in: "b"))
        try FileManager.default.removeItem(at: dir.file(S.path("a", ".summary")))
        try Self.expectAgrees(dir, "no summary")
        try Store(directory: dir.store).append(Self.points(20..<25))
        try Self.expectAgrees(dir, "after an append", onDisk: true)
        // The hashes gone under a writer that holds them in memory: it does not add to a file it did not write.
        try FileManager.default.removeItem(at: dir.file(S.path("a", ".arns")))
        try store.append(Self.points(25..<26))
        try Self.expectAgrees(dir, "hashes made again", onDisk: true)
        // Both gone, with a second vault in the same append.
        try FileManager.default.removeItem(at: dir.file(S.path("a", ".summary")))
        try FileManager.default.removeItem(at: dir.file(S.path("b", ".arns")))
        try store.append(Self.points(26..<28) + Self.points(5..<7, in: "b"))
        try Self.expectAgrees(dir, "both made again", onDisk: true)
    }

    @Test("a summary of a newer file than the one there (a restored copy, a same-length edit) is not believed")
    func newerThanTheFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Self.points(0..<10))
        let file = dir.file(S.path("a"))
        let older = bytes(of: file)
        try store.append(Self.points(10..<15))
        // The points file put back as it was (in place: the same inode), the summary of 15 left.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(older))
        try handle.close()
        #expect(try S.summaries(dir.store).points[Fixture.key("a")]?.points == 10)
        try Self.expectAgrees(dir, "restored")
        try store.append(Self.points(15..<16))
        try Self.expectAgrees(dir, "after an append to the restored file", onDisk: true)
        // The last line edited in place, the length kept: the size the writer remembers, other content.
        var text = String(decoding: bytes(of: file), as: UTF8.self)
        let size = text.range(of: #""sizeBytes":5"#, options: .backwards)!
        text.replaceSubrange(size, with: #""sizeBytes":4"#)
        try write(Array(text.utf8), to: file)
        try Self.expectAgrees(dir, "edited")
        try store.append(Self.points(16..<17))
        try Self.expectAgrees(dir, "after an append to the edited file", onDisk: true)
    }

    @Test("a points writer killed with SIGKILL at random moments, 40 times: summaries are believed only when current")
    func killLoop() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        var reported = Set<String>()
        var behind = 0
        for round in 0..<40 {
            let writer = try ProbeProcess.start(
                store: dir.store, prefix: "r\(round)", count: 1_000_000, kind: "point", maxBatch: 300,
                output: dir.url.appendingPathComponent("round.out"))
            #expect(writer.killWhileWriting(), "round \(round): the writer should have been killed")
            reported.formUnion(writer.printedIds)

            for name in ["probe-a", "probe-b", "probe-c"] {
                let file = StoreFile.points(vault: Fixture.key(name))
                let size = bytes(of: dir.file(file.relativePath)).count
                let header = PointsFileSummary.header(of: bytes(of: dir.file(file.summaryRelativePath)))
                if header?.bytes != size { behind += 1 }
            }
            try Self.expectAgrees(dir, "round \(round)")
            let arns = Set(try Store(readingFrom: dir.store).loadAccount().state.pointsByVault.values.flatMap { $0.map(\.arn) })
            let missing = reported.filter { !arns.contains("arn:aws:backup:eu-west-1:111122223333:recovery-point:\($0)") }
            #expect(missing.isEmpty, "round \(round): \(missing.count) reported points are missing")
        }
        #expect(reported.count > 40, "the writers got points in before being killed")
        // One more append to each vault: every summary current again.
        try Store(directory: dir.store).append((0..<3).flatMap { n in
            [Record.recoveryPoint(RecoveryPoint(
                arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:last-\(n)", vaultName: "probe-\(["a", "b", "c"][n])",
                accountId: Fixture.account, region: Fixture.region, resourceArn: "arn:aws:rds:eu-west-1:444455556666:db:last",
                resourceType: "RDS", creationDate: Fixture.now))]
        })
        try Self.expectAgrees(dir, "after the last append", onDisk: true)
        print("summary kill loop: \(reported.count) points reported, \(behind) of 120 summaries not current after a kill")
    }
}
