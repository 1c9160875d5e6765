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
        var records: [Record] = []
        var batch = try read(bytes, of: file, firstLine: firstLine, in: root, decoder: decoder) { records.append($0) }
        batch.records = records
        return batch
    }

    /// The same, each record handed to `record` in file order as it is taken (the batch returned
    /// holds none): for a reader that keeps them elsewhere, so no array of them is made, copied
    /// and freed. When it throws, what was handed is to be thrown away with the read.
    static func read(
        _ bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory, decoder: RecordDecoder,
        alerts: AlertReading = .whole, record: (consuming Record) -> Void
    ) throws(StoreError) -> LineBatch {
        if bytes.count >= parallelMinimum {
            return try readOnEveryCore(bytes, of: file, firstLine: firstLine, in: root, alerts: alerts, record: record)
        }
        var batch = try read(
            bytes, 0..<bytes.count, of: file, firstLine: firstLine, in: root, decoder: decoder, alerts: alerts, record: record)
        batch.unterminated = bytes.count - batch.consumed
        return batch
    }

    /// Below this many bytes a stretch is read in one go.
    static let parallelMinimum = 1 << 20

    /// The complete lines of `bytes[range]`, their records handed to `record`.
    private static func read(
        _ bytes: [UInt8], _ range: Range<Int>, of file: StoreFile, firstLine: Int, in root: StoreDirectory,
        decoder: RecordDecoder, alerts: AlertReading, record: (consuming Record) -> Void
    ) throws(StoreError) -> LineBatch {
        var batch = LineBatch()
        var problems: [StoreProblem] = []
        // Alerts, acknowledgements and calls through the fast path; what it declines, and every
        // other record, through the reference.
        var fast = FlatLineDecoder(alerts: alerts)
        let (consumed, lineCount) = try lines(of: bytes, range, firstLine: firstLine) { line, number throws(StoreError) in
            if let taken = line.withUnsafeBytes({ fast.decode($0) }) {
                record(taken.record)
                return
            }
            try take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) { record($0) }
        }
        batch.problems = problems
        batch.consumed = consumed - range.lowerBound
        batch.lineCount = lineCount
        return batch
    }

    /// A large stretch (a first read of a long activity log) in slices, one per core or so: each
    /// line stands alone, so the slices are decoded at once, with the same records (handed over
    /// in order once every slice is read), problems, line numbers and newer-schema error as
    /// reading them one by one. Each slice puts its records straight into its own part of one
    /// buffer (a line makes one record at most), from which they are moved to `record`.
    private static func readOnEveryCore(
        _ bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory, alerts: AlertReading,
        record: (consuming Record) -> Void
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
        let slots = RecordSlots(capacity: count)
        defer { slots.free() }
        // Each slice's problems or error, and how many records it put in its part.
        let results = Mutex([(taken: Int, outcome: Result<LineBatch, StoreError>)?](repeating: nil, count: slices.count))
        DispatchQueue.concurrentPerform(iterations: slices.count) { [end] k in
            let upper = k + 1 < slices.count ? slices[k + 1].offset : end
            let first = slices[k].line - firstLine
            var taken = 0
            let outcome = Result { () throws(StoreError) -> LineBatch in
                try read(bytes, slices[k].offset..<upper, of: file, firstLine: slices[k].line, in: root, decoder: RecordDecoder(), alerts: alerts) {
                    slots.put($0, at: first + taken)
                    taken += 1
                }
            }
            results.withLock { $0[k] = (taken, outcome) }
        }
        let outcomes = results.withLock { $0 }
        var batch = LineBatch()
        var failure: StoreError?
        for (k, slice) in outcomes.enumerated() {
            let first = slices[k].line - firstLine
            switch slice!.outcome {
            case .success(let done) where failure == nil:
                for i in first..<(first + slice!.taken) { record(slots.take(at: i)) }
                batch.problems += done.problems
            case .failure(let error) where failure == nil:
                failure = error
                slots.drop(first..<(first + slice!.taken))
            default:
                slots.drop(first..<(first + slice!.taken))
            }
        }
        if let failure { throw failure }
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
