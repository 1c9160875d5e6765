import Synchronization

/// A wait for a store file's lock that has gone on for a while (`FileLock.noticeAfter`): which
/// file, and who holds it. A command waits up to `FileLock.patience` before it gives up naming the
/// holder; meanwhile whoever observes these (the dashboard's header, a command's standard error)
/// says why nothing is happening.
public struct StoreLockWait: Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// "process 1234 (vaultwatch)", or "another process" (one /proc/locks does not name).
    public let holder: String

    /// `waiting for /…/alerts.jsonl's lock, held by process 1234 (vaultwatch)`
    public var description: String { "waiting for \(path)'s lock, held by \(holder)" }

    private struct Waits {
        var observer: (@Sendable (StoreLockWait?) -> Void)?
        /// The waits going on now, by token, in the order they began.
        var active: [(token: Int, wait: StoreLockWait)] = []
        var nextToken = 0
    }

    private static let waits = Mutex(Waits())

    /// Has `observer` told, on a waiting thread, of the newest wait going on whenever one begins
    /// or ends, and nil once none is left (waits on several threads overlap: the end of one does
    /// not hide another); replaces the one before. nil tells no one.
    public static func observe(_ observer: (@Sendable (StoreLockWait?) -> Void)?) {
        waits.withLock { $0.observer = observer }
    }

    /// The waits going on now, oldest first.
    static var active: [StoreLockWait] { waits.withLock { $0.active.map(\.wait) } }

    /// A wait begins: returns its token for `end`.
    static func begin(_ wait: StoreLockWait) -> Int {
        let (token, observer) = waits.withLock { waits in
            waits.nextToken += 1
            waits.active.append((waits.nextToken, wait))
            return (waits.nextToken, waits.observer)
        }
        observer?(wait)
        return token
    }

    /// The wait of `token` is over (the lock taken, or given up).
    static func end(_ token: Int) {
        let (newest, observer) = waits.withLock { waits in
            waits.active.removeAll { $0.token == token }
            return (waits.active.last?.wait, waits.observer)
        }
        observer?(newest)
    }
}
