import Foundation
import VaultCore

/// Where records come from: the embedded demo account, the AWS Backup API of one account and
/// region, an SQS queue fed by EventBridge, CloudTrail, a file of events. A worker runs several at
/// once, each on its own queue, never on the one that serves acknowledgements and follows the
/// store, so a slow source (a 20 s long poll, a thousand pages of recovery points) delays nothing
/// else.
///
/// A source is used from its runner's queue only, one call at a time; `cancel()` is the exception
/// and may come from any thread. It reports what it sees (vault and recovery point snapshots,
/// removals, jobs, policies, CloudTrail-style calls, a `.sync` status per poll) and never raises
/// alerts: the worker runs the alert rules over the stored calls. A failure is thrown, ideally as
/// a `SourceFailure` (or an error that converts to one) so the operator sees what kind it is.
public protocol Source: AnyObject {
    /// What the header and notices call it: `demo`, `aws 111122223333 us-east-1`, `sqs alerts`.
    var name: String { get }
    /// The account and region its `.sync` records are about (a feed of a whole organization says
    /// the account it is read from).
    var accountId: String { get }
    var region: String { get }
    /// Called once, before the first poll, with what the store holds, so a source can resume.
    func start(resuming state: AccountState, at now: Date) throws -> SourceBatch
    /// What is new since the last call.
    func poll(at now: Date) throws -> SourceBatch
    /// Abandons a poll in progress (a long poll at quit), from any thread: the poll returns or
    /// throws soon after. Sources that never block for long need not do anything.
    func cancel()
}

extension Source {
    public func cancel() {}
}

/// What one start or poll of a source produced.
public struct SourceBatch: Sendable {
    public var records: [Record]
    /// How long the source wants to wait before its next poll, in seconds.
    public var nextPoll: TimeInterval
    /// Called once `records` are durably in the store, before the next poll: an SQS feed deletes
    /// the messages it read then, so a crash in between redelivers them (and they are recognised
    /// by their event ids) instead of losing them.
    public var committed: (@Sendable () throws -> Void)?
    /// What the operator should hear about that is not a failure: a message set aside, a line of
    /// a file that is not an event. Posted once the records are written.
    public var notices: [Notice]

    public init(
        records: [Record], nextPoll: TimeInterval, committed: (@Sendable () throws -> Void)? = nil, notices: [Notice] = []
    ) {
        self.records = records
        self.nextPoll = nextPoll
        self.committed = committed
        self.notices = notices
    }
}
