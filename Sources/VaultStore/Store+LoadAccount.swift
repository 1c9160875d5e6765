import Foundation
import Synchronization
import VaultCore

/// The whole store read into an account state, and a tail that follows it from there.
public struct AccountLoad: Sendable {
    public var state: AccountState
    public var problems: [StoreProblem]
    /// Positioned after everything that was read: its next poll returns only what came since.
    public let tail: StoreTail
}

extension Store {
    /// Reads the whole store into an account state without a `Record` per recovery point: first
    /// the small files (vaults, alerts, acknowledgements, sync), then the bulky ones (points
    /// files, events, jobs) on the available cores, each vault's points decoded straight into
    /// its `PointList`. `progress` is called after the small files and after each bulky file,
    /// one call at a time (from the reading threads).
    ///
    /// Like a tail's first poll (and unlike `load()`), a torn last line is left where it is:
    /// call `setAsideTornLines()` afterwards to set it aside. A newer schema throws.
    public func loadAccount(progress: @Sendable (PointsLoadProgress) -> Void = { _ in }) throws -> AccountLoad {
        let tail = makeTail()
        let (first, files) = try tail.pollDeferringBulk()
        var state = AccountState()
        state.apply(first.records)
        let tracker = PointsLoadTracker(files: files)
        progress(tracker.progress(vaults: state.vaults.keys))
        let loaded = Mutex((state: state, problems: first.problems, tracker: tracker))
        try tail.readDeferred(files) { file, load in
            loaded.withLock { loaded in
                loaded.state.apply(load)
                loaded.problems += load.problems
                loaded.tracker.finished(file)
                progress(loaded.tracker.progress(vaults: loaded.state.vaults.keys))
            }
        }
        return loaded.withLock { AccountLoad(state: $0.state, problems: $0.problems, tail: tail) }
    }
}

/// Counts the bytes of deferred files (points, events, jobs) read so far, and which are still
/// to come.
public struct PointsLoadTracker: Sendable {
    private var pending: [DeferredFile]
    private let totalBytes: Int
    private var loadedBytes = 0

    public init(files: [DeferredFile]) {
        pending = files
        totalBytes = files.reduce(0) { $0 + $1.size }
    }

    public var isDone: Bool { pending.isEmpty }

    public mutating func finished(_ file: DeferredFile) {
        guard let i = pending.firstIndex(of: file) else { return }
        pending.remove(at: i)
        loadedBytes += file.size
    }

    /// The progress to show, naming the known vaults whose files are still to come.
    public func progress(vaults: some Sequence<VaultKey>) -> PointsLoadProgress {
        let waiting = vaults.filter { vault in pending.contains { $0.holds(vault: vault) } }
        return PointsLoadProgress(loadedBytes: loadedBytes, totalBytes: totalBytes, pendingVaults: Set(waiting))
    }
}
