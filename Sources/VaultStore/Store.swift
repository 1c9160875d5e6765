import Foundation
import VaultCore

/// The JSON-lines store of one profile: a directory (0700) of append-only files (0600).
///
/// Every line is `{"data":{…},"schema":2,"seq":N,"type":"…"}` (alerts and acks also carry
/// `"prev"`, the hash chain: see `ChainHash` and `verify()`). Records go to the file of their
/// kind: `vaults.jsonl`, `points/<vault>.jsonl`, `jobs.jsonl`, `events.jsonl`, `alerts.jsonl`,
/// `acks.jsonl`, `sync.jsonl`. Appends are serialized across threads and processes by an
/// exclusive `flock` on the file being appended to. Any number of `Store` instances, in any
/// number of processes, may share one directory.
public final class Store: Sendable {
    public let directory: URL
    let root: StoreDirectory
    let calls: SystemCalls
    /// When a torn line was set aside, for its side file's header.
    let clock: any Clock
    let sequences = SequenceCache()
    let legacyPoints = LegacyPointsFiles()

    /// Where a profile's store lives: `$XDG_STATE_HOME/vaultwatch/<profile>`, or
    /// `$HOME/.local/state/vaultwatch/<profile>` when XDG_STATE_HOME is unset or not absolute (as
    /// the XDG spec asks). The profile is made safe as a single file name (`a/b` → `a%2Fb`).
    public static func defaultDirectory(
        profile: String = "default", environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".local", isDirectory: true)
                .appendingPathComponent("state", isDirectory: true)
        }
        return base.appendingPathComponent("vaultwatch", isDirectory: true)
            .appendingPathComponent(VaultFileName.stem(for: profile), isDirectory: true)
    }

    /// Opens the store in `directory`, creating it (and its parents) with mode 0700 if missing and
    /// narrowing it to 0700 if looser. Throws a `StoreError` naming the path and the OS's reason.
    public convenience init(directory: URL) throws {
        try self.init(directory: directory, calls: .live, clock: SystemClock())
    }

    /// The seam for tests: `calls` can make writes fail like a full disk would.
    init(directory: URL, calls: SystemCalls, clock: any Clock) throws(StoreError) {
        self.directory = directory
        self.root = StoreDirectory(directory)
        self.calls = calls
        self.clock = clock
        try root.prepare()
    }

    /// A reader of what is appended from now on (its first poll returns everything so far).
    public func makeTail() -> StoreTail {
        StoreTail(root: root)
    }
}
