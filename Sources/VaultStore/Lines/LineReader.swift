import Glibc
import VaultCore

/// The complete lines of a stretch of a store file, read into records. A stretch ends at its last
/// newline: what follows it is a line still being written, or one torn by a crash.
struct LineBatch {
    var records: [Record] = []
    var problems: [StoreProblem] = []
    /// Bytes of complete lines, up to and including the last newline.
    var consumed = 0
    /// How many complete lines there were.
    var lineCount = 0
    /// Bytes after the last newline.
    var unterminated = 0
}

enum LineReader {
    /// Reads the complete lines in `bytes`, the first of which is line `firstLine` of `file`.
    /// A malformed line becomes a problem; a line from a newer schema stops the read.
    static func read(
        _ bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory, decoder: RecordDecoder
    ) throws(StoreError) -> LineBatch {
        var batch = LineBatch()
        var problems: [StoreProblem] = []
        let (consumed, lineCount) = try lines(of: bytes, firstLine: firstLine) { line, number throws(StoreError) in
            try take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) {
                batch.records.append($0)
            }
        }
        batch.problems = problems
        batch.consumed = consumed
        batch.lineCount = lineCount
        batch.unterminated = bytes.count - consumed
        return batch
    }

    /// Hands each complete line of `bytes` (without its newline) and its number to `body`.
    /// Returns the bytes of complete lines and how many there were.
    static func lines(
        of bytes: [UInt8], firstLine: Int, _ body: (ArraySlice<UInt8>, Int) throws(StoreError) -> Void
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        var start = 0
        var lineNumber = firstLine
        while let newline = nextNewline(in: bytes, from: start) {
            try body(bytes[start..<newline], lineNumber)
            start = newline + 1
            lineNumber += 1
        }
        return (start, lineNumber - firstLine)
    }

    private static func nextNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { all in
            guard start < all.count, let found = memchr(all.baseAddress! + start, 0x0A, all.count - start) else { return nil }
            return all.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    /// What becomes of one decoded line: its record goes to `record`, a malformed line becomes a
    /// problem, and a line from a newer schema throws.
    static func take(
        _ outcome: RecordDecoder.Outcome, line: Int, of file: StoreFile, in root: StoreDirectory,
        problems: inout [StoreProblem], record: (Record) -> Void
    ) throws(StoreError) {
        switch outcome {
        case .record(let decoded, _):
            record(decoded)
        case .malformed(let message):
            problems.append(StoreProblem(.malformedLine, file: file.relativePath, line: line, message: message))
        case .newerSchema(let version):
            throw .newerSchema(file: root.path(of: file), line: line, version: version, supported: StoreSchema.current)
        }
    }
}
