import Synchronization

/// A wait for a store file's lock that has gone on for a while (`FileLock.noticeAfter`): which
/// file, and who holds it. A command waits up to `FileLock.patience` before it gives up naming the
/// holder; meanwhile whoever observes these (the dashboard's header, a command's standard error)
/// says why nothing is happening.
public struct StoreLockWait: Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// "process 1234 (vaultwatch)", or "another process".
    public let holder: String

    /// `waiting for /…/alerts.jsonl's lock, held by process 1234 (vaultwatch)`
    public var description: String { "waiting for \(path)'s lock, held by \(holder)" }

    private static let observer = Mutex<(@Sendable (StoreLockWait?) -> Void)?>(nil)

    /// Has `observer` told of each long wait, on the waiting thread, and then of its end (nil);
    /// replaces the one before. nil tells no one.
    public static func observe(_ observer: (@Sendable (StoreLockWait?) -> Void)?) {
        self.observer.withLock { $0 = observer }
    }

    static func tell(_ wait: StoreLockWait?) {
        let observer = observer.withLock { $0 }
        observer?(wait)
    }
}
