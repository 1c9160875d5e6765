import Synchronization

/// The last sequence number of each file as this store last wrote it, keyed to the file's
/// identity and size. While a file is still the same inode and length, nobody else has appended
/// and its last line need not be read again; any other writer changes the size and so the cache
/// is checked anew. Only consulted under the file's exclusive lock.
final class SequenceCache: Sendable {
    private struct Mark {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var lastSeq: Int
    }

    private let marks = Mutex<[String: Mark]>([:])

    func lastSeq(of file: StoreFile, _ status: FileStatus) -> Int? {
        marks.withLock { marks in
            guard let mark = marks[file.relativePath], mark.device == status.device, mark.inode == status.inode,
                mark.size == status.size
            else { return nil }
            return mark.lastSeq
        }
    }

    func remember(_ file: StoreFile, _ status: FileStatus, size: Int, lastSeq: Int) {
        marks.withLock {
            $0[file.relativePath] = Mark(device: status.device, inode: status.inode, size: size, lastSeq: lastSeq)
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
