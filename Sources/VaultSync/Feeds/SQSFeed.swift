import AWSClient
import Foundation
import Synchronization
import VaultCore
import VaultStore

/// An SQS queue fed by EventBridge (the organization's rules forward AWS Backup's CloudTrail
/// events to a central bus whose rule targets the queue): long-polls it, hands the calls to the
/// worker, and deletes the messages only once the worker has stored them (`committed`).
///
/// A crash between the append and the delete brings the messages back after their visibility
/// timeout; they are recognised by `detail.eventID` (the envelope's `id` changes at every bus hop)
/// and deleted without being stored again. So are EventBridge's own duplicates. A message that
/// is not an event is kept in the store's side file with its `MessageId` and why, said in a notice,
/// and deleted, so it never blocks the queue.
public final class SQSFeed: Source, @unchecked Sendable {
    public struct Settings: Sendable, Equatable {
        /// The long poll's wait (SQS allows 0–20 s).
        public var waitSeconds: Int
        /// How long a received message stays hidden: longer than the worst append takes.
        public var visibilityTimeout: Int
        /// DeleteMessageBatch tries per commit for entries that failed without the sender's fault.
        public var deleteAttempts: Int

        public init(waitSeconds: Int = 20, visibilityTimeout: Int = 60, deleteAttempts: Int = 3) {
            self.waitSeconds = waitSeconds
            self.visibilityTimeout = visibilityTimeout
            self.deleteAttempts = deleteAttempts
        }
    }

    public let name: String
    public var accountId: String { queue.accountId }
    public var region: String { queue.region }

    let queue: SQSQueue
    private let settings: Settings
    private let store: Store
    private let clock: any Clock
    private let cancellation = CancellationHandle()
    // Touched from the runner's queue only (poll, and the `committed` it returns), one call at a
    // time; `cancellation` is the exception and is thread-safe.
    private var known = KnownCalls()
    private var heartbeat = SyncHeartbeat()
    /// Messages handled whose delete has not gone through yet: tried again at the next commit.
    private let undeleted = Mutex<[SQSQueue.DeleteEntry]>([])

    /// - Parameters:
    ///   - queueURL: as `aws sqs create-queue` or `get-queue-url` prints it.
    ///   - store: where messages that are not events are set aside.
    public convenience init(queueURL: String, client: AWSClient, store: Store, clock: any Clock, settings: Settings = Settings()) throws {
        self.init(queue: try SQSQueue(url: queueURL, client: client), store: store, clock: clock, settings: settings)
    }

    /// The feed of a queue whose URL was read already (see `FeedBuilder.prepare`).
    init(queue: SQSQueue, store: Store, clock: any Clock, settings: Settings) {
        self.queue = queue
        name = "sqs \(queue.name)"
        self.settings = settings
        self.store = store
        self.clock = clock
    }

    /// Starts with what the queue holds now, without waiting: the queue is known to be reachable
    /// (and the header says synced) at once, and the long polls follow.
    public func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        known = KnownCalls(held: state.heldCallIds)
        return try receive(wait: 0, alwaysSync: true)
    }

    public func poll(at now: Date) throws -> SourceBatch {
        try receive(wait: settings.waitSeconds, alwaysSync: false)
    }

    private func receive(wait: Int, alwaysSync: Bool) throws -> SourceBatch {
        if cancellation.isCancelled { throw SourceFailure(.network, "\(name): stopped") }
        let began = clock.now()
        let messages = try queue.receive(wait: wait, visibilityTimeout: settings.visibilityTimeout, cancellation: cancellation)
        var reading = MessageReading(feed: name, known: known)
        for message in messages { reading.read(message, setAside: setAside) }
        known = reading.known
        var records = reading.records
        if let sync = heartbeat.record(
            source: name, accountId: accountId, region: region, at: clock.now(), eventful: alwaysSync || !messages.isEmpty)
        {
            records.append(sync)
        }
        // An endpoint that answers an empty long poll at once must not be polled in a tight loop.
        let quick = wait > 0 && messages.isEmpty && clock.now().timeIntervalSince(began) < 1
        let deletions = reading.deletions
        return SourceBatch(
            records: records, nextPoll: quick ? 1 : 0, committed: { [self] in try delete(deletions) },
            notices: reading.notices)
    }

    public func cancel() { cancellation.cancel() }

    /// Keeps a message that is not an event in the store's side file, on disk before it is deleted.
    private func setAside(_ message: SQSQueue.Message, reason: String) throws -> String {
        try store.setAside(
            SetAsideEntry(at: clock.now(), source: name, messageId: message.MessageId, reason: reason, body: message.Body))
        return store.setAsidePath
    }

    /// Deletes `entries` and any left over from an earlier commit, ten at a time, trying again the
    /// entries a batch reports in `Failed` (it may, with an HTTP 200) unless they failed by the
    /// sender's fault. What still failed is kept for the next commit and reported.
    func delete(_ entries: [SQSQueue.DeleteEntry]) throws {
        var handles = Set<String>()
        var left = (undeleted.withLock { pending in
            defer { pending = [] }
            return pending
        } + entries).filter { handles.insert($0.ReceiptHandle).inserted }
        var failures: [SQSQueue.FailedDelete] = []
        var attempt = 0
        while !left.isEmpty, attempt < max(1, settings.deleteAttempts) {
            attempt += 1
            failures = []
            var retry: [SQSQueue.DeleteEntry] = []
            for start in stride(from: 0, to: left.count, by: 10) {
                // Ids must be distinct within a batch only.
                let chunk = left[start..<min(start + 10, left.count)].enumerated().map { index, entry in
                    SQSQueue.DeleteEntry(Id: "m\(index)", ReceiptHandle: entry.ReceiptHandle)
                }
                let failed: [SQSQueue.FailedDelete]
                do {
                    failed = try queue.delete(chunk)
                } catch {
                    undeleted.withLock { $0 = Array(left[start...]) + retry }
                    throw error
                }
                for failure in failed {
                    guard let entry = chunk.first(where: { $0.Id == failure.Id }) else { continue }
                    failures.append(failure)
                    // The sender's fault (a receipt handle SQS no longer knows) does not pass by
                    // trying again; the message, if it is still there, comes back and is recognised.
                    if failure.SenderFault != true { retry.append(entry) }
                }
            }
            left = retry
        }
        guard !left.isEmpty else { return }
        undeleted.withLock { $0 = left }
        let first = failures.first.map { "\($0.Code ?? "unknown"): \($0.Message ?? "no message")" } ?? "unknown"
        throw SourceFailure(
            .other,
            "\(name): DeleteMessageBatch failed for \(left.count) message(s) after \(attempt) tries (\(first)); "
                + "they stay in the queue, are recognised if they come back, and are deleted at the next poll")
    }
}
