import Foundation
import Synchronization
import VaultCore

/// The JSON-lines store of one profile: a directory (0700) of append-only files (0600), opened
/// for writing (`init(directory:)`) or for reading only (`init(readingFrom:)`).
///
/// Every line is `{"data":{…},"schema":3,"seq":N,"type":"…"}` (alerts and acks also carry
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
    let summaries = SummaryCache()
    let acknowledgements = AcknowledgementIndex()
    let legacyPoints = LegacyPointsFiles()
    /// Signs the digests of the chained files (see `Digest`); nil writes none.
    let signer: DigestKey?
    /// How often, at most, activity without an acknowledgement is signed for.
    let digestInterval: TimeInterval
    /// What writing did that is still to be said (`takeNotes()`).
    private let notes = Mutex<[StoreProblem]>([])
    /// Why a digest was last not signed on the timer, said once until the reason changes.
    let timerRefusal = Mutex<String?>(nil)

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

    /// Opens the store in `directory` for writing, creating it (and its parents) with mode 0700 if
    /// missing and narrowing it to 0700 if looser (said by `takeNotes()`). Throws a `StoreError`
    /// naming the path and the reason: a symbolic link in the store's place, a store that belongs
    /// to another user. With a `signer`, appends to the chained files are covered by signed
    /// digests: at every acknowledgement, and at most every `digestInterval` of other activity.
    public convenience init(
        directory: URL, signer: DigestKey? = nil, digestInterval: TimeInterval = Store.defaultDigestInterval
    ) throws {
        try self.init(
            directory: directory, access: .writing, calls: .live, clock: SystemClock(), signer: signer,
            digestInterval: digestInterval)
    }

    /// Opens an existing store for reading only: nothing is created, narrowed, set aside or
    /// appended, so a read leaves the disk as it found it. What is wrong with its modes or owner
    /// is in `permissionProblems()`.
    public convenience init(readingFrom directory: URL) throws {
        try self.init(directory: directory, access: .reading, calls: .live, clock: SystemClock())
    }

    /// The seam for tests: `calls` can make writes fail like a full disk would, `clock` fixes time.
    init(
        directory: URL, access: StoreAccess = .writing, calls: SystemCalls, clock: any Clock, signer: DigestKey? = nil,
        digestInterval: TimeInterval = Store.defaultDigestInterval
    ) throws(StoreError) {
        self.directory = directory
        self.root = try StoreDirectory(directory, for: access)
        self.calls = calls
        self.clock = clock
        self.signer = signer
        self.digestInterval = digestInterval
        // A store made here starts with a digest of its empty files, so from its first line on,
        // no digest at all means the digests were taken away.
        if root.created, let signer {
            do {
                try WritersTurn.taking(in: root) { signDigest(with: signer) }
            } catch {
                note(StoreProblem(.digest, file: StoreFile.digests.relativePath, line: nil, message: "no digest was signed: \(error)"))
            }
        }
    }

    /// Whether this store may be written.
    public var access: StoreAccess { root.access }

    /// What writing did since the last call that is to be said: repairs (a looser mode narrowed,
    /// a torn line set aside) and digests that could not be signed.
    public func takeNotes() -> [StoreProblem] {
        notes.withLock { taken in
            defer { taken = [] }
            return root.takeRepairs() + taken
        }
    }

    func note(_ problem: StoreProblem) {
        notes.withLock { $0.append(problem) }
    }

    /// What is wrong with the store's modes and owners, each with the command that fixes it.
    /// Changes nothing.
    public func permissionProblems() -> [StoreProblem] {
        Permissions.survey(root)
    }

    /// A reader of what is appended from now on (its first poll returns everything so far).
    public func makeTail() -> StoreTail {
        StoreTail(root: root)
    }
}
