import Foundation
import Glibc

/// Takes an advisory `flock` on an open file or folder, waiting a bounded time for it. A writer
/// that is stopped (Ctrl-Z) or hung holds its lock for as long as it lives; rather than wait
/// forever with no word, a command gives up after `patience` and names the process that holds
/// it, so its user can resume or end that process. (A holder that is killed frees the lock at once.)
enum FileLock {
    /// Long enough for any legitimate holder (a compaction of a vault's points, a sync's batch,
    /// `store verify` reading a file) on a busy machine.
    static let patience: TimeInterval = 15
    /// How long a wait goes unsaid: past it, `StoreLockWait`'s observer is told who holds the lock.
    static let noticeAfter: TimeInterval = 1

    static func acquire(
        _ fd: Int32, exclusive: Bool, path: String, patience: TimeInterval = patience, noticeAfter: TimeInterval = noticeAfter
    ) throws(StoreError) {
        let op = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        let start = Date()
        let deadline = start.addingTimeInterval(patience)
        var pause: useconds_t = 1_000
        var told = false
        var token: Int?
        // Whoever was told of the wait is told when it ends, taken or given up.
        defer { if let token { StoreLockWait.end(token) } }
        while flock(fd, op) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else { throw .cannotLock(path: path, reason: osReason(code)) }
            if !told && Date().timeIntervalSince(start) >= noticeAfter {
                told = true
                // A lock this process holds itself (another of its writers' turns) is not news.
                let pids = holders(of: fd)
                if pids.isEmpty || pids.contains(where: { $0 != getpid() }) {
                    token = StoreLockWait.begin(StoreLockWait(path: path, holder: holder(among: pids)))
                }
            }
            guard Date() < deadline else {
                throw .cannotLock(
                    path: path,
                    reason: "\(holder(of: fd)) has held it for more than \(String(format: "%g", patience)) s; if it is stopped (Ctrl-Z),"
                        + " resume it (fg, or kill -CONT) or end it, then try again")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    /// "process 1234 (vaultwatch)", from /proc/locks and /proc/PID/comm (printable ASCII only:
    /// it is shown), or "another process" when neither says.
    static func holder(of fd: Int32) -> String { holder(among: holders(of: fd)) }

    /// The first of `pids` (from `holders(of:)`) that is not this process, named.
    static func holder(among pids: [Int32]) -> String {
        for pid in pids where pid != getpid() {
            // The program's name only: a command line may carry what must not be shown.
            let name = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/comm"))).map { bytes in
                String(decoding: Array(bytes.prefix(32)).filter { (0x21..<0x7F).contains($0) }, as: UTF8.self)
            }
            return "process \(pid)" + (name.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
        }
        return "another process"
    }

    /// The processes /proc/locks says hold an flock on `fd`'s file, this one included: empty
    /// when it cannot be read.
    static func holders(of fd: Int32) -> [Int32] {
        var st = stat()
        guard fstat(fd, &st) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return [] }
        // `1: FLOCK  ADVISORY  WRITE 28763 08:01:1234567 0 EOF`: the pid, then major:minor:inode
        // (a blocked waiter's line reads `1: -> FLOCK …`, and is skipped).
        let suffix = ":\(st.st_ino)"
        return locks.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", fields[5].hasSuffix(suffix) else { return nil }
            return Int32(fields[4])
        }
    }
}
