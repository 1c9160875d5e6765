import Synchronization

/// How a file ends, as the appender needs it: the last sequence number, and for a chained file
/// the hash of the last line (what the next line's `prev` must be).
struct FileEnd: Equatable {
    var lastSeq: Int
    /// Nil for files outside the hash chain.
    var lastLineHash: String?
}

/// How each file ended when this store last wrote it, keyed to the file's identity and size.
/// While a file is still the same inode and length, nobody else has appended and its last line
/// need not be read again; any other writer (or a compaction, which makes a new inode) changes
/// that and so the cache is checked anew. Only consulted under the file's exclusive lock.
final class SequenceCache: Sendable {
    private struct Mark {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var end: FileEnd
    }

    private let marks = Mutex<[String: Mark]>([:])

    func end(of file: StoreFile, _ status: FileStatus) -> FileEnd? {
        marks.withLock { marks in
            guard let mark = marks[file.relativePath], mark.device == status.device, mark.inode == status.inode,
                mark.size == status.size
            else { return nil }
            return mark.end
        }
    }

    func remember(_ file: StoreFile, _ status: FileStatus, size: Int, end: FileEnd) {
        marks.withLock {
            $0[file.relativePath] = Mark(device: status.device, inode: status.inode, size: size, end: end)
        }
    }

    func forget(_ file: StoreFile) {
        _ = marks.withLock { $0.removeValue(forKey: file.relativePath) }
    }
}

/// Reads a file's last sequence number from its end. A line whose seq cannot be read counts as
/// one, so numbering stays one per line; a file of no readable lines continues from its line count.
enum SequenceReader {
    static func lastSeq(in file: borrowing OpenFile, size: Int, decoder: RecordDecoder) throws(StoreError) -> Int {
        var end = size  // just past a newline: the caller has set aside any torn tail
        var linesAfter = 0
        while end > 0 {
            let newline = end - 1
            let start = try TornLine.lastNewline(in: file, before: newline).map { $0 + 1 } ?? 0
            let line = try file.read(at: start, count: newline - start)
            if let seq = decoder.seq(of: line[...]) { return seq + linesAfter }
            linesAfter += 1
            end = start
        }
        return linesAfter
    }
}

/// The hash of a file's last complete line, read from its end: what the next line's `prev` must be.
enum LastLineHash {
    static func read(in file: borrowing OpenFile, size: Int, storeFile: StoreFile) throws(StoreError) -> String {
        guard size > 0 else { return ChainHash.genesis(of: storeFile) }
        let newline = size - 1  // the caller has set aside any torn tail
        let start = try TornLine.lastNewline(in: file, before: newline).map { $0 + 1 } ?? 0
        return ChainHash.of(try file.read(at: start, count: newline - start)[...])
    }
}
