import Synchronization
import VaultCore

/// Follows the store as it grows: each `poll()` returns the records of complete lines appended to
/// any file since the last poll (the first poll returns everything).
///
/// Files whose size and inode have not changed are not opened. A last line without its newline is
/// left for a later poll (its writer may be mid-line). A file that was replaced (new inode) or cut
/// below what was already read is read again from the start, and a problem says so: its records
/// come again. New `points/*.jsonl` files are found on every poll.
///
/// Polls are serialized by a lock, so the tail may be handed between threads, but it is meant to be
/// polled from one place.
///
/// A first read may be staged (`pollDeferringBulk`, then `readDeferred` per file): the bulky
/// files it defers (points, events, jobs) are left alone by `poll` until `readDeferred` has read
/// them, so an append made meanwhile is read exactly once, by whichever comes first for that file.
public final class StoreTail: Sendable {
    struct Cursor {
        var device: UInt64
        var inode: UInt64
        /// Bytes of complete lines read so far.
        var offset: Int
        /// Complete lines read so far, to number the next one.
        var lines: Int
        /// The file's size at the last read; unchanged size and inode mean nothing to read.
        var seenSize: Int

        init(_ status: FileStatus) {
            device = status.device
            inode = status.inode
            offset = 0
            lines = 0
            seenSize = -1
        }
    }

    /// Where each file has been read to, and the points files a staged first read still owes.
    struct Follow {
        var cursors: [String: Cursor] = [:]
        var deferred: Set<String> = []
        /// The account and region of the first vault read: where the legacy lines of a store
        /// written before schema 3 belong (see `AccountState.home`).
        var home: VaultKey.Home?

        mutating func noteHome(from records: [Record]) {
            guard home == nil else { return }
            for case .vault(let vault) in records {
                home = VaultKey.Home(accountId: vault.accountId, region: vault.region)
                return
            }
        }
    }

    let root: StoreDirectory
    let follow = Mutex(Follow())

    init(root: StoreDirectory) {
        self.root = root
    }

    /// The records appended since the last poll. Throws `StoreError.newerSchema` (and forgets
    /// nothing it read, so the next poll sees the same lines again) when a line is from a newer
    /// vaultwatch.
    public func poll() throws -> StoreLoad {
        try follow.withLock { (follow: inout Follow) throws(StoreError) -> StoreLoad in
            var next = follow.cursors
            let load = try poll(&next, skipping: follow.deferred)
            follow.cursors = next
            follow.noteHome(from: load.records)
            return load
        }
    }

    func poll(_ cursors: inout [String: Cursor], skipping deferred: Set<String>) throws(StoreError) -> StoreLoad {
        let decoder = RecordDecoder()
        var load = StoreLoad()
        var present = Set<String>()
        for file in try StoreFile.all(in: root) {
            if deferred.contains(file.relativePath) {
                present.insert(file.relativePath)
                continue
            }
            guard let quick = try root.status(of: file.relativePath) else { continue }
            present.insert(file.relativePath)
            let previous = cursors[file.relativePath]
            if let previous, previous.device == quick.device, previous.inode == quick.inode,
                previous.seenSize == quick.size
            {
                continue
            }
            guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else { continue }
            try handle.lock(.shared)
            let status = try handle.status()
            var cursor = Cursor(status)
            if let previous {
                if previous.device != status.device || previous.inode != status.inode {
                    load.problems.append(
                        StoreProblem(
                            .fileChanged, file: file.relativePath, line: nil,
                            message: "was replaced; reading it again from the start (its records come again)"))
                } else if status.size < previous.offset {
                    load.problems.append(
                        StoreProblem(
                            .fileChanged, file: file.relativePath, line: nil,
                            message: "shrank to \(status.size) bytes, below the \(previous.offset) already read;"
                                + " reading it again from the start (its records come again)"))
                } else {
                    cursor = previous
                }
            }
            let bytes = try handle.read(at: cursor.offset, count: status.size - cursor.offset)
            let batch = try LineReader.read(bytes, of: file, firstLine: cursor.lines + 1, in: root, decoder: decoder)
            load.records += batch.records
            load.problems += batch.problems
            cursor.offset += batch.consumed
            cursor.lines += batch.lineCount
            cursor.seenSize = cursor.offset + bytes.count - batch.consumed
            cursors[file.relativePath] = cursor
        }
        for gone in cursors.keys.sorted() where !present.contains(gone) {
            cursors[gone] = nil
            load.problems.append(
                StoreProblem(
                    .fileChanged, file: gone, line: nil,
                    message: "no longer exists; reading it from the start if it comes back"))
        }
        return load
    }
}
