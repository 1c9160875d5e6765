import Dispatch
import Foundation
import Glibc
import Synchronization
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
        if bytes.count >= parallelMinimum {
            return try readOnEveryCore(bytes, of: file, firstLine: firstLine, in: root)
        }
        var batch = try read(bytes, 0..<bytes.count, of: file, firstLine: firstLine, in: root, decoder: decoder)
        batch.unterminated = bytes.count - batch.consumed
        return batch
    }

    /// Below this many bytes a stretch is read in one go.
    static let parallelMinimum = 1 << 20

    /// The complete lines of `bytes[range]`.
    private static func read(
        _ bytes: [UInt8], _ range: Range<Int>, of file: StoreFile, firstLine: Int, in root: StoreDirectory,
        decoder: RecordDecoder
    ) throws(StoreError) -> LineBatch {
        var batch = LineBatch()
        var problems: [StoreProblem] = []
        // Alerts, acknowledgements and calls through the fast path; what it declines, and every
        // other record, through the reference.
        var fast = FlatLineDecoder()
        let (consumed, lineCount) = try lines(of: bytes, range, firstLine: firstLine) { line, number throws(StoreError) in
            if let taken = line.withUnsafeBytes({ fast.decode($0) }) {
                batch.records.append(taken.record)
                return
            }
            try take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) {
                batch.records.append($0)
            }
        }
        batch.problems = problems
        batch.consumed = consumed - range.lowerBound
        batch.lineCount = lineCount
        return batch
    }

    /// A large stretch (a first read of a long activity log) in slices, one per core or so: each
    /// line stands alone, so the slices are decoded at once and joined in order, with the same
    /// records, problems, line numbers and newer-schema error as reading them one by one.
    private static func readOnEveryCore(
        _ bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory
    ) throws(StoreError) -> LineBatch {
        // Where each slice starts, and the number of its first line.
        var starts: [(offset: Int, line: Int)] = [(0, firstLine)]
        let sliceSize = bytes.count / (ProcessInfo.processInfo.activeProcessorCount * 2) + 1
        var end = 0
        var line = firstLine
        while let newline = nextNewline(in: bytes, from: end, before: bytes.count) {
            end = newline + 1
            line += 1
            if end - starts[starts.count - 1].offset >= sliceSize { starts.append((end, line)) }
        }
        if starts.count > 1 && starts[starts.count - 1].offset == end { starts.removeLast() }
        let count = line - firstLine
        let slices = starts
        let results = Mutex([Result<LineBatch, StoreError>?](repeating: nil, count: slices.count))
        DispatchQueue.concurrentPerform(iterations: slices.count) { [end] k in
            let upper = k + 1 < slices.count ? slices[k + 1].offset : end
            let result = Result { () throws(StoreError) -> LineBatch in
                try read(bytes, slices[k].offset..<upper, of: file, firstLine: slices[k].line, in: root, decoder: RecordDecoder())
            }
            results.withLock { $0[k] = result }
        }
        var batch = LineBatch()
        for result in results.withLock({ $0 }) {
            let slice = try result!.get()
            batch.records += slice.records
            batch.problems += slice.problems
        }
        batch.consumed = end
        batch.lineCount = count
        batch.unterminated = bytes.count - end
        return batch
    }

    /// Hands each complete line of `bytes` (without its newline) and its number to `body`.
    /// Returns the bytes of complete lines and how many there were.
    static func lines(
        of bytes: [UInt8], firstLine: Int, _ body: (ArraySlice<UInt8>, Int) throws(StoreError) -> Void
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        try lines(of: bytes, 0..<bytes.count, firstLine: firstLine, body)
    }

    /// The same over `bytes[range]`. Returns the offset after the last complete line and how
    /// many there were.
    static func lines(
        of bytes: [UInt8], _ range: Range<Int>, firstLine: Int, _ body: (ArraySlice<UInt8>, Int) throws(StoreError) -> Void
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        var start = range.lowerBound
        var lineNumber = firstLine
        while let newline = nextNewline(in: bytes, from: start, before: range.upperBound) {
            try body(bytes[start..<newline], lineNumber)
            start = newline + 1
            lineNumber += 1
        }
        return (start, lineNumber - firstLine)
    }

    private static func nextNewline(in bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        bytes.withUnsafeBytes { all in
            guard start < end, let found = memchr(all.baseAddress! + start, 0x0A, end - start) else { return nil }
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
