import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// `LineReader.read(…, record:)`, which hands each record to its reader (the state) instead of
/// returning an array of them, against the reference read line by line: the same records in the
/// same order, the same problems, line numbers and torn tail, and the same newer-schema error, on
/// a short file read in one go and a long one read in slices on every core.
@Suite("Records handed straight to their reader")
struct HandedRecordsTests {
    typealias Random = PointLineDecoderTests.Random

    /// Alerts, acknowledgements and calls with hostile texts, written by the store and by hand;
    /// lines of another kind, malformed and mangled lines; and a torn last line.
    static func file(lines: Int, seed: UInt64) throws -> [UInt8] {
        var r = Random(state: seed)
        var bytes: [UInt8] = []
        for seq in 1...lines {
            // A line of another kind (written by the store only: the hand writer writes flat records).
            guard r.next(12) != 0 else {
                bytes += try TailTests.line(.sync(Fixture.sync), seq: seq)
                continue
            }
            let record = FlatLineDecoderTests.record(&r)
            switch r.next(20) {
            case 0: bytes += Array("{\"data\":{},\"schema\":1,\"seq\":\(seq),\"type\":\"alert\"}\n".utf8)
            case 1:
                var line = Array(FlatLineDecoderTests.handWritten(record, &r).utf8)
                PointLineDecoderTests.mangle(&line, &r)
                line = line.map { $0 == 10 ? 32 : $0 }
                // A mangling that reads as a newer schema would stop the read: the tests below place theirs.
                if case .newerSchema = RecordDecoder().decode(line[...]) { line = Array(try TailTests.line(record, seq: seq).dropLast()) }
                bytes += line + [10]
            case 2...7: bytes += Array(FlatLineDecoderTests.handWritten(record, &r).utf8) + [10]
            default: bytes += try TailTests.line(record, seq: seq)
            }
        }
        return bytes + Array(#"{"data":{"id":"#.utf8)
    }

    /// The same file with line `line` from schema 99.
    static func file(lines count: Int, seed: UInt64, newerSchemaAt line: Int) throws -> [UInt8] {
        var lines = try file(lines: count, seed: seed).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        lines[line - 1] = Array(#"{"data":{},"schema":99,"seq":1,"type":"alert"}"#.utf8)
        return Array(lines.joined(separator: [10]))
    }

    /// What the reference makes of each complete line, in order.
    static func reference(_ bytes: [UInt8], firstLine: Int) throws -> (records: [Record], malformed: [Int]) {
        var records: [Record] = []
        var malformed: [Int] = []
        _ = try LineReader.lines(of: bytes, firstLine: firstLine) { line, number in
            switch RecordDecoder().decode(line) {
            case .record(let record, _): records.append(record)
            case .malformed: malformed.append(number)
            case .newerSchema: Issue.record("line \(number) is of a newer schema")
            }
        }
        return (records, malformed)
    }

    @Test("hand over exactly the records and problems the reference reads", arguments: [300, 6_000])
    func sameAsTheReference(lines: Int) throws {
        let bytes = try Self.file(lines: lines, seed: UInt64(lines))
        #expect((bytes.count >= LineReader.parallelMinimum) == (lines > 1_000))
        let dir = TemporaryDirectory()
        let root = try StoreDirectory(dir.store, for: .writing)
        var handed: [Record] = []
        let batch = try LineReader.read(bytes, of: .alerts, firstLine: 3, in: root, decoder: RecordDecoder()) { handed.append($0) }
        let reference = try Self.reference(bytes, firstLine: 3)
        #expect(reference.records.count > lines / 2 && !reference.malformed.isEmpty)
        #expect(handed == reference.records)
        #expect(batch.records.isEmpty)
        #expect(batch.problems.map(\.line) == reference.malformed)
        let whole = try LineReader.read(bytes, of: .alerts, firstLine: 3, in: root, decoder: RecordDecoder())
        #expect(whole.records == reference.records)
        #expect(whole.problems == batch.problems)
        #expect(batch.consumed == whole.consumed && batch.lineCount == whole.lineCount && batch.unterminated == whole.unterminated)
        #expect(batch.unterminated == 14 && batch.lineCount == lines)
    }

    @Test("stop at a line of a newer schema wherever it is, as the reference does", arguments: [1, 2_500, 5_999])
    func newerSchemaStops(at line: Int) throws {
        let bytes = try Self.file(lines: 6_000, seed: 7, newerSchemaAt: line)
        let dir = TemporaryDirectory()
        let root = try StoreDirectory(dir.store, for: .writing)
        let expected = StoreError.newerSchema(file: root.path(of: .alerts), line: line, version: 99, supported: StoreSchema.current)
        #expect(throws: expected) {
            try LineReader.read(bytes, of: .alerts, firstLine: 1, in: root, decoder: RecordDecoder()) { _ in }
        }
        #expect(throws: expected) { try LineReader.read(bytes, of: .alerts, firstLine: 1, in: root, decoder: RecordDecoder()) }
    }
}
