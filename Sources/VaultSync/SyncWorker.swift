import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultStore

/// The background worker: on its own serial Dispatch queue it loads the store, polls its source,
/// raises alerts, appends everything through the store, tails the store for what any process
/// appended (an acknowledgement from `vaultwatch ack` in another terminal included), and
/// publishes immutable snapshots. It never touches the screen and never blocks the UI.
public final class SyncWorker: @unchecked Sendable {
    // Every mutable property below is touched only on `queue`; that confinement is what makes
    // the unchecked Sendable conformance sound.
    private let queue = DispatchQueue(label: "vaultwatch.sync", qos: .userInitiated)
    private let store: Store
    private let source: (any Source)?
    private let rules: [AlertRule]
    private let clock: any Clock
    private let pollInterval: DispatchTimeInterval
    private let publish: @Sendable (AccountSnapshot) -> Void
    private let fail: @Sendable (String) -> Void

    private var state = AccountState()
    private var tail: StoreTail
    private var notices: [Notice] = []
    private var generation = 0
    private var timer: DispatchSourceTimer?
    private var started = false
    /// Whether the initial load (points included) is over.
    private var initialLoadDone = false
    /// Set for the snapshot published before the alerts and acknowledgements are read.
    private var alertsLoading = false
    /// The bulky files (points, events, jobs) the initial load is still reading, while it does.
    private var pointsTracker: PointsLoadTracker?
    private var sourceStarted = false
    private var stopped = false
    /// Consecutive source failures, and when to try the source again.
    private var failures = 0
    private var retryAt: Date?
    /// Source records not yet written because the store refused them (a full disk).
    private var unwritten: [Record] = []

    /// The most notices a snapshot carries (the oldest are dropped first).
    static let noticeLimit = 200
    /// The most source records kept for a retry while the store refuses writes.
    static let retryLimit = 100_000

    /// - Parameters:
    ///   - source: what feeds the store; nil only watches the store (other processes write it).
    ///   - publish: called on the worker's queue with every new snapshot.
    ///   - fail: called once if the store cannot be read at all (e.g. a newer schema); the
    ///     worker stops.
    public init(
        store: Store, source: (any Source)?, rules: [AlertRule], clock: any Clock,
        pollInterval: DispatchTimeInterval = .milliseconds(500),
        publish: @escaping @Sendable (AccountSnapshot) -> Void,
        fail: @escaping @Sendable (String) -> Void
    ) {
        self.store = store
        self.source = source
        self.rules = rules
        self.clock = clock
        self.pollInterval = pollInterval
        self.publish = publish
        self.fail = fail
        self.tail = store.makeTail()
        self.sourceName = source?.name ?? "store"
    }

    /// Read once at init: the source itself belongs to the worker's queue.
    public let sourceName: String

    /// Loads the store in the background, then polls on a timer. The small files (vaults,
    /// sync, policies) are read first and published at once (the screen has the vaults within
    /// milliseconds, whatever the store's size); then the alerts and acknowledgements, published
    /// too; then the points files and activity logs on the available cores, each file published
    /// as it comes, with the share of bytes read. The source starts after that.
    public func start() {
        queue.async { [self] in
            guard !started else { return }
            started = true
            publishSnapshot()
            guard let deferred = readAllButPoints(auditFiles: true) else { return }
            let audit = deferred.filter(\.isAuditFile)
            let files = deferred.filter { !$0.isAuditFile }
            if !audit.isEmpty {
                alertsLoading = true
                publishSnapshot()
                alertsLoading = false
                guard readAuditFiles(audit) else { return }
            }
            guard !files.isEmpty else { return finishStart() }
            let tail = self.tail
            pointsTracker = PointsLoadTracker(files: files)
            publishSnapshot()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                do {
                    try tail.readDeferred(files) { file, load in
                        queue.async { [self] in install(load, from: file, of: tail) }
                    }
                    queue.async { [self] in finishStart() }
                } catch {
                    queue.async { [self] in stop(failing: error) }
                }
            }
        }
    }

    /// The end of the initial load: show the whole store, then set aside torn lines, verify the
    /// chains (a broken one is an error on screen as soon as it is found), start the source and
    /// the timer.
    private func finishStart() {
        pointsTracker = nil
        initialLoadDone = true
        guard !stopped else { return }
        // Checking the chains reads the audit trail again (a third of a second for 100,000
        // calls): the loaded store is on screen meanwhile, as the alerts were while it loaded.
        _ = pull(force: true)
        afterInitialLoad()
        pollSource()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.tick() }
        self.timer = timer
        timer.resume()
    }

    /// Stops polling. Does not wait: quitting must not hang behind a long initial load.
    public func stop() {
        queue.async { [self] in halt() }
    }

    /// Stops polling and waits for a poll in progress to finish, so a process can exit with
    /// nothing half done (`vaultwatch sync` on SIGINT or SIGTERM).
    public func stopAndWait() {
        queue.sync { [self] in halt() }
    }

    /// Records an acknowledgement (durable before `completion` is called with nil) and
    /// publishes the snapshot that shows it.
    public func acknowledge(
        alertId: String, note: String?, by who: String, completion: @escaping @Sendable (String?) -> Void
    ) {
        queue.async { [self] in
            let ack = Acknowledgement(
                id: UUID().uuidString.lowercased(), alertId: alertId, by: who, at: clock.now(), note: note)
            do {
                // Exactly once: another process may have acknowledged it meanwhile.
                let outcome = try store.acknowledge(ack)
                sayStoreNotes()
                _ = pull(force: false)
                if case .alreadyAcknowledged(let earlier) = outcome {
                    completion("already acknowledged by \(earlier.by) at \(UTC.second(earlier.at)) UTC")
                } else {
                    completion(nil)
                }
            } catch {
                completion("\(error)")
            }
        }
    }

    /// Runs one poll cycle now and waits for it (tests, and `vaultwatch sync --once`).
    public func syncNow() {
        queue.sync { [self] in
            if !started {
                started = true
                guard let files = readAllButPoints() else { return }
                let loads = Mutex<[(DeferredFile, PointsLoad)]>([])
                do {
                    try tail.readDeferred(files) { file, load in loads.withLock { $0.append((file, load)) } }
                } catch {
                    return stop(failing: error)
                }
                let tail = self.tail
                for (file, load) in loads.withLock({ $0 }).sorted(by: { $0.0.relativePath < $1.0.relativePath }) {
                    install(load, from: file, of: tail)
                }
                initialLoadDone = true
                afterInitialLoad()
            }
            pollSource()
        }
    }

    // MARK: - On the queue

    /// What follows the initial load, before the source is polled: torn lines set aside, the
    /// chains verified, a simulated clock resumed from the newest instant stored.
    private func afterInitialLoad() {
        // The tail leaves an unfinished last line alone (a writer may be mid-line); one left
        // by a crashed writer is set aside and reported, never silently dropped.
        for problem in store.setAsideTornLines() { note(.warning, "\(problem)") }
        verifyChains()
        if let clock = clock as? SimulatedClock, let latest = state.latestInstant {
            clock.resume(from: latest)
        }
        _ = pull(force: true)
    }

    /// The first half of the initial load: the small files. Returns the bulky ones (and, with
    /// `auditFiles`, alerts and acks), left for later. Nil when the store cannot be read at all
    /// (the worker has stopped).
    private func readAllButPoints(auditFiles: Bool = false) -> [DeferredFile]? {
        do {
            let (load, files) = try tail.pollDeferringBulk(auditFiles: auditFiles)
            state.apply(load.records)
            for problem in load.problems { note(.warning, "\(problem)") }
            raiseAlerts(for: load.records)
            return files
        } catch {
            stop(failing: error)
            return nil
        }
    }

    /// Alerts, then acknowledgements, read here at once: the header's counts come with them.
    /// False when the store cannot be read (the worker has stopped).
    private func readAuditFiles(_ files: [DeferredFile]) -> Bool {
        do {
            for file in files.sorted(by: { $0.relativePath > $1.relativePath }) {
                install(try tail.readDeferred(file), from: file, of: tail)
            }
            return true
        } catch {
            stop(failing: error)
            return false
        }
    }

    /// One bulky file's load, read by `tail`: dropped when the tail has since been replaced
    /// (a rebuild read everything again).
    private func install(_ load: PointsLoad, from file: DeferredFile, of tail: StoreTail) {
        guard tail === self.tail else { return }
        state.apply(load)
        for problem in load.problems { note(.warning, "\(problem)") }
        raiseAlerts(for: load.records)
        pointsTracker?.finished(file)
        publishSnapshot()
    }

    private func stop(failing error: any Error) {
        halt()
        fail("\(error)")
    }

    private func halt() {
        stopped = true
        timer?.cancel()
        timer = nil
    }

    private func tick() {
        guard !stopped else { return }
        // Activity that then stopped is covered by a signed digest too.
        store.signDigestIfDue()
        sayStoreNotes()
        if let retryAt, Date() < retryAt {
            pull(force: false)  // keep following the store while the source rests
            return
        }
        pollSource()
    }

    private func pollSource() {
        let now = clock.now()
        if let source {
            do {
                let records = sourceStarted ? try source.poll(at: now) : try source.start(resuming: state, at: now)
                sourceStarted = true
                failures = 0
                retryAt = nil
                ingest(records)
            } catch {
                // Back off (1 s, 2 s, 4 s … up to a minute) rather than hammer a failing source
                // and fill the store with one failure line every poll.
                failures += 1
                retryAt = Date().addingTimeInterval(min(60, pow(2, Double(failures - 1))))
                note(.error, "\(source.name) source failed: \(error)")
                ingest([.sync(SyncStatus(source: source.name, accountId: source.accountId, region: source.region, at: now, error: "\(error)"))])
            }
        }
        _ = pull(force: false)
    }

    /// Appends what the source produced, after anything an earlier failed write left behind.
    /// A record is only dropped from the retry buffer once its file took it.
    private func ingest(_ records: [Record]) {
        unwritten += records
        guard !unwritten.isEmpty else { return }
        do {
            try store.append(unwritten)
            unwritten = []
            sayStoreNotes()
        } catch {
            // Files written before the failing one kept their lines; the rest are retried.
            // Re-appending the written ones would duplicate jobs, so keep only what is unsafe
            // to lose and idempotent on replay: snapshots, calls, alerts (all keyed by id).
            unwritten = unwritten.filter { r in
                switch r {
                case .job, .sync, .acknowledgement: return false
                default: return true
                }
            }
            if unwritten.count > Self.retryLimit { unwritten.removeFirst(unwritten.count - Self.retryLimit) }
            note(.error, "could not write to the store (will retry): \(error)")
        }
    }

    /// Applies whatever was appended to the store since the last pull, by this process or any
    /// other, and raises the alerts its calls call for. Alerts are derived from stored calls,
    /// so a call whose alert was never written (a crash, a full disk) raises it on the next
    /// pull, and alert ids come from call ids, so raising twice is harmless. Returns false when
    /// the store cannot be read at all.
    @discardableResult
    private func pull(force: Bool) -> Bool {
        do {
            var load = try tail.poll()
            if load.problems.contains(where: { $0.kind == .fileChanged }) {
                // A file was replaced or cut: its records come again. Rebuild from scratch rather
                // than apply them twice.
                for problem in load.problems { note(.warning, "\(problem)") }
                state = AccountState()
                tail = store.makeTail()
                load = try tail.poll()
                load.problems.removeAll { $0.kind == .fileChanged }
            }
            state.apply(load.records)
            for problem in load.problems { note(.warning, "\(problem)") }
            raiseAlerts(for: load.records)
            if force || !load.records.isEmpty || !load.problems.isEmpty { publishSnapshot() }
            return true
        } catch {
            stop(failing: error)
            return false
        }
    }

    /// A broken hash chain in alerts or acks is an error on screen: "alerts.jsonl: hash chain
    /// broken at line 17: …" (see `Store.verify()`).
    /// Files whose chain did not verify when the store was opened.
    private var brokenChains: [String] = []

    private func verifyChains() {
        do {
            let broken = try store.verify().files.filter { $0.breakage != nil }
            brokenChains = broken.map(\.file)
            for file in broken { note(.error, "\(file)") }
        } catch {
            note(.error, "could not check the store's hash chains: \(error)")
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
            note(.error, "could not record \(raised.count) alert(s) (will retry): \(error)")
        }
    }

    /// What the store's writes repaired, or could not sign, as warnings.
    private func sayStoreNotes() {
        for problem in store.takeNotes() { note(.warning, "\(problem)") }
    }

    private func note(_ level: Notice.Level, _ text: String) {
        // The same notice again (a source failing the same way) is said once.
        if notices.last == Notice(level, text) { return }
        notices.append(Notice(level, text))
        if notices.count > Self.noticeLimit { notices.removeFirst(notices.count - Self.noticeLimit) }
        publishSnapshot()
    }

    private func publishSnapshot() {
        generation += 1
        publish(
            AccountSnapshot(
                state: state, notices: notices, sourceName: sourceName, loading: !initialLoadDone,
                alertsLoading: alertsLoading,
                pointsLoad: pointsTracker?.progress(vaults: state.vaults.keys), generation: generation,
                brokenChains: brokenChains))
    }
}
