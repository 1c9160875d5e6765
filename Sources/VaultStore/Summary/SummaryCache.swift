import Synchronization

/// Each points file's summary and ARN hashes as this store last wrote them, keyed to the points
/// file's identity and size (as `SequenceCache` keeps how files end). While the file is still the
/// same inode and length, nobody else has appended to it, so the next append adds to the summary
/// held here instead of reading and decoding it again: an append costs what it adds, not what the
/// file holds. Any other writer, a compaction or a crash between an append and its summary changes
/// the file, and the summary is read (or made) anew. Only consulted under the file's exclusive lock.
final class SummaryCache: Sendable {
    private struct Mark {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var summary: Store.SummaryBefore
    }

    private let marks = Mutex<[String: Mark]>([:])

    /// The summary of `file` as it is (`status`), when this store wrote it last.
    func summary(of file: StoreFile, _ status: FileStatus) -> Store.SummaryBefore? {
        marks.withLock { marks in
            guard let mark = marks[file.relativePath], mark.device == status.device, mark.inode == status.inode,
                mark.size == status.size
            else { return nil }
            return mark.summary
        }
    }

    /// Remembers the summary just written of `file`, which is `status`'s inode, now `size` bytes.
    func remember(_ file: StoreFile, _ status: FileStatus, size: Int, _ summary: Store.SummaryBefore) {
        marks.withLock {
            $0[file.relativePath] = Mark(device: status.device, inode: status.inode, size: size, summary: summary)
        }
    }

    func forget(_ file: StoreFile) {
        _ = marks.withLock { $0.removeValue(forKey: file.relativePath) }
    }
}
