import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultStore

/// Follows the store: loads it once, in stages, then applies whatever any process appends (a
/// source's runner, `vaultwatch ack` in another terminal), raising the alerts new calls call for.
/// It owns the account state. Every method runs on the worker's queue, given at init.
///
/// The load is staged so the screen has something at once whatever the store's size: the small
/// files (vaults, sync, policies) first, then alerts and acknowledgements, then the points files
/// and activity logs on every core, each file installed as it comes.
final class StoreFollower: @unchecked Sendable {
    /// What the follower tells the worker as it goes.
    struct Events: Sendable {
        /// The state changed (or a stage of the load ended): publish a snapshot.
        var changed: @Sendable () -> Void
        var notice: @Sendable (Notice) -> Void
        /// The store cannot be read at all (a newer schema): the worker stops.
        var fatal: @Sendable (any Error) -> Void
    }

    // Confined to `queue`, which is what makes the unchecked Sendable conformance sound.
    private let queue: DispatchQueue
    private let store: Store
    private let rules: [AlertRule]
    private let events: Events

    private(set) var state = AccountState()
    private var tail: StoreTail
    /// Whether the whole store has been read once.
    private(set) var loaded = false
    /// Set for the snapshot published before the alerts and acknowledgements are read.
    private(set) var alertsLoading = false
    /// The bulky files still being read, while they are.
    private var pointsTracker: PointsLoadTracker?
    /// Audit files whose hash chain did not verify when the store was opened.
    private(set) var brokenChains: [String] = []
    private(set) var failed = false
    /// Whether another process's compaction was said (it is said once).
    private var toldOfCompaction = false

    init(store: Store, rules: [AlertRule], queue: DispatchQueue, events: Events) {
        self.store = store
        self.rules = rules
        self.queue = queue
        self.events = events
        tail = store.makeTail()
    }

    var pointsLoad: PointsLoadProgress? { pointsTracker?.progress(vaults: state.vaults.keys) }

    /// Reads the whole store, in stages, and calls `done` on the queue once it has (not when the
    /// store cannot be read: `events.fatal` is told instead). Called once, on the queue.
    func load(then done: @escaping @Sendable () -> Void) {
        events.changed()
        guard let deferred = readAllButBulk() else { return }
        let audit = deferred.filter(\.isAuditFile)
        let bulky = deferred.filter { !$0.isAuditFile }
        if !audit.isEmpty {
            alertsLoading = true
            events.changed()
            alertsLoading = false
            guard readNow(audit.sorted { $0.relativePath > $1.relativePath }) else { return }
        }
        guard !bulky.isEmpty else { return finishLoad(then: done) }
        let tail = self.tail
        pointsTracker = PointsLoadTracker(files: bulky)
        events.changed()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do {
                try tail.readDeferred(bulky) { file, load in
                    self.queue.async { self.install(load, from: file, of: tail) }
                }
                queue.async { self.finishLoad(then: done) }
            } catch {
                queue.async { self.fail(error) }
            }
        }
    }

    /// Applies whatever was appended since the last pull, by any process, and raises the alerts its
    /// calls call for. Alerts are derived from stored calls (a call whose alert was never written,
    /// after a crash or a full disk, raises it on the next pull; alert ids come from call ids, so
    /// raising twice is harmless). False when the store cannot be read at all.
    @discardableResult
    func pull(force: Bool = false) -> Bool {
        guard !failed else { return false }
        do {
            var load = try tail.poll()
            if load.problems.contains(where: { $0.kind == .fileChanged }) {
                // A file was replaced or cut: its records come again. Rebuild from scratch rather
                // than apply them twice.
                tellOfChanges(in: load.problems)
                state = AccountState()
                tail = store.makeTail()
                load = try tail.poll()
                load.problems.removeAll { $0.kind == .fileChanged }
                // Cut or replaced under the dashboard: whether it still holds what the digests
                // vouch for is said on every screen, not only that it was read again.
                verifyChains()
            }
            state.apply(load.records)
            for problem in load.problems { events.notice(Notice(.warning, "\(problem)")) }
            raiseAlerts(for: load.records)
            if force || !load.records.isEmpty || !load.problems.isEmpty { events.changed() }
            return true
        } catch {
            fail(error)
            return false
        }
    }

    /// Says why the store is read again. A file replaced whole is another process's compaction
    /// (`vaultwatch store compact`, or a writer's own): expected, said once as a plain notice, and
    /// not again for later compactions. A file that shrank or vanished stays a warning each time.
    private func tellOfChanges(in problems: [StoreProblem]) {
        let replaced = problems.filter(Self.isCompaction)
        if !replaced.isEmpty, !toldOfCompaction {
            toldOfCompaction = true
            let files = replaced.map(\.file).joined(separator: ", ")
            events.notice(
                Notice(.info, "another process compacted the store (\(files)): read again; later compactions are not mentioned"))
        }
        for problem in problems where !Self.isCompaction(problem) { events.notice(Notice(.warning, "\(problem)")) }
    }

    private static func isCompaction(_ problem: StoreProblem) -> Bool {
        problem.kind == .fileChanged && problem.message.hasPrefix("was replaced")
    }

    // MARK: - Stages of the load

    /// The small files, read now; returns the bulky ones (and alerts and acks), left for later.
    private func readAllButBulk() -> [DeferredFile]? {
        do {
            let (load, files) = try tail.pollDeferringBulk(auditFiles: true)
            state.apply(load.records)
            for problem in load.problems { events.notice(Notice(.warning, "\(problem)")) }
            raiseAlerts(for: load.records)
            return files
        } catch {
            fail(error)
            return nil
        }
    }

    /// Deferred files read here at once, in order (alerts before acknowledgements).
    private func readNow(_ files: [DeferredFile]) -> Bool {
        do {
            for file in files { install(try tail.readDeferred(file), from: file, of: tail) }
            return true
        } catch {
            fail(error)
            return false
        }
    }

    /// One deferred file's load, read by `tail`: dropped when the tail has since been replaced (a
    /// rebuild read everything again).
    private func install(_ load: PointsLoad, from file: DeferredFile, of tail: StoreTail) {
        guard tail === self.tail, !failed else { return }
        state.apply(load)
        for problem in load.problems { events.notice(Notice(.warning, "\(problem)")) }
        raiseAlerts(for: load.records)
        pointsTracker?.finished(file)
        events.changed()
    }

    /// The end of the load: torn lines set aside, the chains verified, anything appended meanwhile
    /// read.
    private func finishLoad(then done: @escaping @Sendable () -> Void) {
        guard !failed else { return }
        pointsTracker = nil
        loaded = true
        // Checking the chains reads the audit trail again (a third of a second for 100,000
        // calls): the loaded store is on screen meanwhile, as the alerts were while it loaded; a
        // broken chain is an error on screen as soon as it is found.
        guard pull(force: true) else { return }
        // The tail leaves an unfinished last line alone (a writer may be mid-line); one left by a
        // crashed writer is set aside and reported, never silently dropped.
        for problem in store.setAsideTornLines() { events.notice(Notice(.warning, "\(problem)")) }
        verifyChains()
        guard pull(force: true) else { return }
        done()
    }

    /// A broken hash chain in alerts or acks is an error on every screen (see `Store.verify()`).
    private func verifyChains() {
        do {
            let broken = try store.verify().files.filter { $0.breakage != nil }
            brokenChains = broken.map(\.file)
            for file in broken { events.notice(Notice(.error, "\(file)")) }
        } catch {
            events.notice(Notice(.error, "could not check the store's hash chains: \(error)"))
        }
    }

    private func raiseAlerts(for records: [Record]) {
        let raised = AlertRaising.newAlerts(for: records, rules: rules, in: state).map(Record.alert)
        guard !raised.isEmpty else { return }
        do {
            try store.append(raised)
            state.apply(raised)
        } catch {
            // Not lost: the calls are stored, so the next rebuild or pull raises them again.
            events.notice(Notice(.error, "could not record \(raised.count) alert(s) (will retry): \(error)"))
        }
    }

    private func fail(_ error: any Error) {
        guard !failed else { return }
        failed = true
        events.fatal(error)
    }
}
