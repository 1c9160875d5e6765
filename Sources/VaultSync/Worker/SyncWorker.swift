import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultStore

/// The background worker, made of parts one can name: a `StoreFollower` that loads the store and
/// follows what any process appends (raising alerts as calls arrive), a `SourceRunner` per source
/// that polls it on a queue of its own and appends what it reports, a `NoticeBoard`, and the
/// publishing of immutable snapshots. The follower's queue also serves acknowledgements, and never
/// waits for a source. It never touches the screen.
public final class SyncWorker: @unchecked Sendable {
    // Every mutable property below is touched only on `queue`, which is what makes the unchecked
    // Sendable conformance sound; the runners have queues of their own.
    /// At default quality of service, which libdispatch runs at nice 0 on Linux, the screen's own:
    /// at user-initiated (nice -2 where the process may raise its priority, as root) the worker's
    /// steady work (each tick's pull and the copy of the account state for the next snapshot)
    /// outranked the screen's thread. Not lower: the same queue raises and appends alerts, installs
    /// the points as they load and records acknowledgements, in `vaultwatch sync` too. The points
    /// files themselves are read on user-initiated threads (`StoreFollower.load`).
    private let queue = DispatchQueue(label: "vaultwatch.sync", qos: .default)
    private let store: Store
    private let clock: any Clock
    private let publish: @Sendable (AccountSnapshot) -> Void
    private let fail: @Sendable (String) -> Void
    private let tickInterval: DispatchTimeInterval

    private var follower: StoreFollower!
    private var runners: [SourceRunner] = []
    private var notices = NoticeBoard()
    private var statuses: [String: SourceStatus] = [:]
    private var generation = 0
    private var timer: DispatchSourceTimer?
    private var started = false
    private var stopped = false
    /// Set once the store is loaded (by `start` or `syncNow`): the sources are running from then.
    private let loaded = DispatchGroup()

    /// What the header calls the sources: their names, joined.
    public let sourceName: String

    /// - Parameters:
    ///   - sources: what feeds the store, each polled on its own queue; none only follows the store
    ///     (other processes write it).
    ///   - tickInterval: how often the store is read for what other processes appended (a source's
    ///     own appends are read at once).
    ///   - publish: called on the worker's queue with every new snapshot.
    ///   - fail: called once if the store cannot be read at all (e.g. a newer schema); the worker
    ///     stops.
    public init(
        store: Store, sources: [any Source], rules: [AlertRule], clock: any Clock,
        tickInterval: DispatchTimeInterval = .milliseconds(500),
        publish: @escaping @Sendable (AccountSnapshot) -> Void,
        fail: @escaping @Sendable (String) -> Void
    ) {
        self.store = store
        self.clock = clock
        self.publish = publish
        self.fail = fail
        self.tickInterval = tickInterval
        sourceName = sources.isEmpty ? "store" : sources.map(\.name).joined(separator: ", ")
        follower = StoreFollower(
            store: store, rules: rules, queue: queue,
            events: StoreFollower.Events(
                changed: { [weak self] in self?.publishSnapshot() },
                notice: { [weak self] in self?.post($0) },
                fatal: { [weak self] in self?.stop(failing: $0) }))
        runners = sources.map { source in
            SourceRunner(
                source: source, store: store, clock: clock,
                events: SourceRunner.Events(
                    status: { [weak self] status in self?.onQueue { $0.update(status) } },
                    notice: { [weak self] notice in self?.onQueue { $0.post(notice) } },
                    appended: { [weak self] in
                        self?.onQueue { worker in
                            worker.follower.pull()
                            worker.sayStoreNotes()
                        }
                    }))
        }
        for runner in runners { statuses[runner.name] = SourceStatus(name: runner.name) }
        loaded.enter()
    }

    /// One source, or none.
    public convenience init(
        store: Store, source: (any Source)?, rules: [AlertRule], clock: any Clock,
        tickInterval: DispatchTimeInterval = .milliseconds(500),
        publish: @escaping @Sendable (AccountSnapshot) -> Void,
        fail: @escaping @Sendable (String) -> Void
    ) {
        self.init(
            store: store, sources: source.map { [$0] } ?? [], rules: rules, clock: clock, tickInterval: tickInterval,
            publish: publish, fail: fail)
    }

    /// Loads the store in the background (published stage by stage), then starts every source and
    /// follows the store on a timer.
    public func start() {
        queue.async { [self] in
            beginLoad { [self] in
                for runner in runners { runner.begin(resuming: follower.state) }
                startTicking()
            }
        }
    }

    /// Loads the store if that has not happened, then polls every source once (its first poll
    /// starts it) and reads what they wrote; returns when all of that is done. For `vaultwatch
    /// sync --once` and tests: the same load, the same runners, waited for.
    public func syncNow() {
        queue.async { [self] in beginLoad {} }
        loaded.wait()
        let state: AccountState? = queue.sync { [self] in stopped ? nil : follower.state }
        guard let state else { return }
        for runner in runners { runner.runOnce(resuming: state) }
        queue.sync { [self] in _ = follower.pull() }
    }

    /// How each source is doing now (waits for the worker's queue).
    public var sourceStatuses: [SourceStatus] {
        queue.sync { runners.compactMap { statuses[$0.name] } }
    }

    /// Stops polling. Does not wait: quitting must not hang behind a long load or a long poll.
    public func stop() {
        for runner in runners { runner.stop() }
        queue.async { [self] in halt() }
    }

    /// Stops polling and waits for polls in progress to finish, so a process can exit with nothing
    /// half done (`vaultwatch sync` on SIGINT or SIGTERM).
    public func stopAndWait() {
        for runner in runners { runner.stopAndWait() }
        queue.sync { [self] in halt() }
    }

    /// Records an acknowledgement (durable before `completion` is called with nil) and publishes
    /// the snapshot that shows it.
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
                follower.pull()
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

    // MARK: - On the queue

    /// Runs `body` on the worker's queue (a runner's events come from its own).
    private func onQueue(_ body: @escaping @Sendable (SyncWorker) -> Void) {
        queue.async { [self] in body(self) }
    }

    /// The load, once: later calls only wait for it (through `loaded`).
    private func beginLoad(then done: @escaping @Sendable () -> Void) {
        guard !started else { return }
        started = true
        follower.load { [self] in
            // A demo resumes its simulated time from the store's, before its source starts, so a
            // restart never goes back in time.
            followStoreTime()
            loaded.leave()
            if !stopped { done() }
        }
    }

    /// A simulated clock never falls behind the store's time (see `StoreTime`): a dashboard on
    /// the store of a demo that ran faster than real time, or that runs now in another process,
    /// shows the store's time rather than the wall clock's.
    private func followStoreTime() {
        guard let simulated = clock as? SimulatedClock else { return }
        let state = follower.state
        let time = StoreTime(state, wall: simulated.wallNow())
        guard time.isSimulated else { return }
        simulated.resume(from: max(time.now, state.latestInstant ?? time.now))
    }

    private func startTicking() {
        guard !stopped else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + tickInterval, repeating: tickInterval, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.tick() }
        self.timer = timer
        timer.resume()
    }

    /// The store is read on every tick for what other processes appended; a snapshot is published
    /// too when a source's status moves with time (a countdown to its next retry).
    private func tick() {
        guard !stopped else { return }
        // Activity that then stopped is covered by a signed digest too.
        store.signDigestIfDue()
        sayStoreNotes()
        follower.pull()
        followStoreTime()
    }

    private func update(_ status: SourceStatus) {
        statuses[status.name] = status
        publishSnapshot()
    }

    /// What the store's writes repaired, or could not sign, as warnings.
    private func sayStoreNotes() {
        for problem in store.takeNotes() { post(Notice(.warning, "\(problem)")) }
    }

    private func post(_ notice: Notice) {
        if notices.post(notice) { publishSnapshot() }
    }

    private func stop(failing error: any Error) {
        for runner in runners { runner.stop() }
        halt()
        fail("\(error)")
        // Whoever waits for the load (`syncNow`) must not wait forever.
        if !follower.loaded { loaded.leave() }
    }

    private func halt() {
        stopped = true
        timer?.cancel()
        timer = nil
    }

    private func publishSnapshot() {
        generation += 1
        publish(
            AccountSnapshot(
                state: follower.state, notices: notices.notices, sourceName: sourceName, loading: !follower.loaded,
                alertsLoading: follower.alertsLoading, pointsLoad: follower.pointsLoad, generation: generation,
                brokenChains: follower.brokenChains, sources: runners.compactMap { statuses[$0.name] }))
    }
}
