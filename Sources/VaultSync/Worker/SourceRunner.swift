import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultStore

/// Runs one source on a queue of its own: starts it with what the store holds, polls it when it
/// asks, appends what it reports to the store (and only then tells it the records are safe), and
/// backs off when it fails. What it does is reported through `events`; the worker's own queue,
/// which follows the store and serves acknowledgements, never waits for a source.
final class SourceRunner: @unchecked Sendable {
    /// What a runner tells the worker.
    struct Events: Sendable {
        /// The source's status changed (a poll succeeded or failed).
        var status: @Sendable (SourceStatus) -> Void
        /// Something for the notices: a failure, in words.
        var notice: @Sendable (Notice) -> Void
        /// Records were appended: the worker should read the store now rather than at its next tick.
        var appended: @Sendable () -> Void
    }

    // Every mutable property below is touched only on `queue`: that confinement is what makes the
    // unchecked Sendable conformance sound. `stopped` is atomic; `source.cancel()` may be called
    // from any thread by contract.
    private let queue: DispatchQueue
    private let source: any Source
    private let store: Store
    private let clock: any Clock
    private let events: Events
    private let stopped = Atomic<Bool>(false)

    private var schedule = PollSchedule()
    private var status: SourceStatus
    private var started = false
    /// What the store has to hold before the source starts (set by `begin`).
    private var resuming: AccountState?
    /// A batch the store refused (a full disk): written again before the source is polled again,
    /// and only then committed, so nothing it held is lost or acknowledged to the source early.
    private var unwritten: SourceBatch?
    private var timer: DispatchSourceTimer?
    /// What the last good poll could not read (its sync's `degraded`): said again only when it changes.
    private var degraded: [String] = []

    let name: String

    init(source: any Source, store: Store, clock: any Clock, events: Events) {
        self.source = source
        self.store = store
        self.clock = clock
        self.events = events
        name = source.name
        status = SourceStatus(name: source.name)
        queue = DispatchQueue(label: "vaultwatch.source.\(source.name)", qos: .utility)
    }

    /// Starts the source with `state` (what the store held once loaded), then polls it as it asks.
    func begin(resuming state: AccountState) {
        queue.async { [self] in
            resuming = state
            cycle(scheduling: true)
        }
    }

    /// One start or poll now, waited for: `vaultwatch sync --once` and tests.
    func runOnce(resuming state: AccountState) {
        queue.sync { [self] in
            if !started, resuming == nil { resuming = state }
            cycle(scheduling: false)
        }
    }

    /// Stops polling without waiting; a long poll in progress is abandoned.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        source.cancel()
        queue.async { [self] in
            timer?.cancel()
            timer = nil
        }
    }

    /// Stops and waits for a poll in progress to end, so nothing is left half done.
    func stopAndWait() {
        stop()
        queue.sync {}
    }

    // MARK: - On the queue

    private func cycle(scheduling: Bool) {
        guard !stopped.load(ordering: .relaxed) else { return }
        let delay: TimeInterval
        do {
            let batch = try unwritten ?? fetch()
            unwritten = batch
            try write(batch)
            unwritten = nil
            events.appended()
            noteDegraded(batch)
            for notice in batch.notices { events.notice(notice) }
            do {
                try batch.committed?()
                delay = schedule.succeeded(asking: batch.nextPoll)
                report(success: clock.now(), next: delay)
            } catch {
                // The records are safe in the store; what failed is telling the source so (an SQS
                // delete): it will hand them again, and they are recognised then.
                delay = failed(SourceFailure.from(error), recording: true)
            }
        } catch let failure as SourceFailure where failure.kind == .storeRefused {
            delay = failed(failure, recording: false)
        } catch {
            // A poll abandoned because the runner is stopping (a long poll at quit) is no failure.
            if stopped.load(ordering: .relaxed) { return }
            delay = failed(SourceFailure.from(error), recording: true)
        }
        if scheduling { scheduleCycle(after: delay) }
    }

    private func fetch() throws -> SourceBatch {
        let now = clock.now()
        if started { return try source.poll(at: now) }
        let batch = try source.start(resuming: resuming ?? AccountState(), at: now)
        started = true
        resuming = nil
        return batch
    }

    private func write(_ batch: SourceBatch) throws {
        do {
            try store.append(stamped(batch.records))
        } catch {
            throw SourceFailure(.storeRefused, "could not write to the store (will retry): \(error)")
        }
    }

    /// On simulated time each sync says so (see `StoreTime`), so the store's time outlives the run.
    private func stamped(_ records: [Record]) -> [Record] {
        guard let simulated = clock as? SimulatedClock else { return records }
        return records.map { record in
            guard case .sync(var status) = record else { return record }
            status.simulated = simulated.stamp(status.at)
            return .sync(status)
        }
    }

    /// Backs off, says why, and (unless the store itself is what failed) records the failure as
    /// the source's sync status, so every dashboard on the store sees it.
    private func failed(_ failure: SourceFailure, recording: Bool) -> TimeInterval {
        let now = clock.now()
        let delay = schedule.failed(failure)
        if status.failure == nil { status.failingSince = now }
        status.failure = failure
        status.starting = !started
        status.nextPoll = now.addingTimeInterval(delay)
        events.status(status)
        events.notice(Notice(.error, "\(source.name) source failed (\(failure.kind.rawValue)): \(failure.message)"))
        if recording {
            let sync = SyncStatus(
                source: source.name, accountId: source.accountId, region: source.region, at: now,
                error: "\(failure.kind.rawValue): \(failure.message)")
            if (try? store.append(stamped([.sync(sync)]))) != nil { events.appended() }
        }
        return delay
    }

    /// Says what the poll could not read, when that changed since the last poll.
    private func noteDegraded(_ batch: SourceBatch) {
        var now: [String] = []
        for case .sync(let sync) in batch.records { now = sync.degraded ?? [] }
        guard now != degraded else { return }
        degraded = now
        for text in now { events.notice(Notice(.warning, "\(source.name) could not read \(text)")) }
    }

    private func report(success at: Date, next delay: TimeInterval) {
        status = SourceStatus(
            name: source.name, lastSuccess: at, nextPoll: at.addingTimeInterval(delay), starting: false)
        events.status(status)
    }

    private func scheduleCycle(after delay: TimeInterval) {
        guard !stopped.load(ordering: .relaxed) else { return }
        timer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.cycle(scheduling: true) }
        self.timer = timer
        timer.resume()
    }
}
