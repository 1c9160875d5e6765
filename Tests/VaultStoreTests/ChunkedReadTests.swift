import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// `LineReader.read(chunksOf:)`, which reads a file a chunk at a time into memory used again,
/// against reading the file whole: the same records in the same order, the same problems and line
/// numbers, the same torn tail and the same newer-schema error, whatever the chunk size: lines
/// across every boundary, lines longer than a chunk, a chunk ending on a newline.
@Suite("A file read in chunks")
struct ChunkedReadTests {
    /// The file written as `alerts.jsonl` of a fresh store, and that store's directory.
    private static func store(_ bytes: [UInt8], dir: borrowing TemporaryDirectory) throws -> StoreDirectory {
        let root = try StoreDirectory(dir.store, for: .writing)
        try Data(bytes).write(to: URL(fileURLWithPath: root.path(of: .alerts)))
        return root
    }

    private static func readInChunks(
        of root: StoreDirectory, chunkSize: Int, expected: inout [Int]
    ) throws -> (batch: LineBatch, records: [Record]) {
        guard let handle = try OpenFile.open(StoreFile.alerts.relativePath, in: root, for: .read) else {
            throw StoreError.cannotRead(path: root.path(of: .alerts), reason: "not there")
        }
        var records: [Record] = []
        let batch = try LineReader.read(
            chunksOf: handle, of: .alerts, in: root, decoder: RecordDecoder(), chunkSize: chunkSize,
            expecting: { expected.append($0) }
        ) { records.append($0) }
        return (batch, records)
    }

    @Test("read the records, problems and torn tail reading the whole file reads", arguments: [97, 1_000, 65_536, 1 << 20, 2 << 20])
    func sameAsReadingWhole(chunkSize: Int) throws {
        let bytes = try HandedRecordsTests.file(lines: 4_000, seed: UInt64(chunkSize))
        let dir = TemporaryDirectory()
        let root = try Self.store(bytes, dir: dir)
        let whole = try LineReader.read(bytes, of: .alerts, firstLine: 1, in: root, decoder: RecordDecoder())
        #expect(whole.records.count > 2_000)
        #expect(!whole.problems.isEmpty)
        #expect(whole.unterminated > 0)
        var expected: [Int] = []
        let (batch, records) = try Self.readInChunks(of: root, chunkSize: chunkSize, expected: &expected)
        #expect(records == whole.records)
        #expect(batch.records.isEmpty)
        #expect(batch.problems == whole.problems)
        #expect(batch.consumed == whole.consumed)
        #expect(batch.lineCount == whole.lineCount)
        #expect(batch.unterminated == whole.unterminated)
        // Told once, after the first chunk: about as many lines as are still to come.
        #expect(expected.count == 1)
        let firstChunkLines = bytes.prefix(chunkSize).filter { $0 == 10 }.count
        #expect(expected.allSatisfy { $0 >= 0 })
        if chunkSize >= 65_536 { #expect(expected.allSatisfy { abs($0 + firstChunkLines - 4_000) < 1_000 }) }
    }

    @Test("a chunk that ends on a newline, an empty file, a file of one torn line")
    func edges() throws {
        let line = try TailTests.line(.alert(Fixture.alert("c-1")), seq: 1)
        for (bytes, lines, torn) in [(line + line, 2, 0), ([], 0, 0), (Array(line.dropLast()), 0, line.count - 1)] {
            let dir = TemporaryDirectory()
            let root = try Self.store(bytes, dir: dir)
            var expected: [Int] = []
            let (batch, records) = try Self.readInChunks(of: root, chunkSize: line.count, expected: &expected)
            #expect(records.count == lines && batch.lineCount == lines && batch.unterminated == torn)
            #expect(batch.consumed == lines * line.count)
            // One line a chunk: the first told, the other still to come.
            #expect(expected == (lines > 0 ? [lines - 1] : []))
        }
    }

    @Test("stop at a line of a newer schema with the error reading whole gives", arguments: [1, 1_777, 3_999])
    func newerSchemaStops(at number: Int) throws {
        let bytes = try HandedRecordsTests.file(lines: 4_000, seed: 11, newerSchemaAt: number)
        let dir = TemporaryDirectory()
        let root = try Self.store(bytes, dir: dir)
        let expected = StoreError.newerSchema(file: root.path(of: .alerts), line: number, version: 99, supported: StoreSchema.current)
        var told: [Int] = []
        #expect(throws: expected) { try Self.readInChunks(of: root, chunkSize: 4_096, expected: &told) }
    }
}
