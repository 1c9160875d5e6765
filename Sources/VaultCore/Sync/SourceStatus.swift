import Foundation

/// How one source is doing, as the header shows it: fine (synced 4 s ago), or stale since its
/// last good poll, with why and when it tries again: "stale since 10:42 — ThrottlingException,
/// retrying in 8 s".
public struct SourceStatus: Equatable, Sendable {
    /// The source's name: `demo`, `aws 111122223333 us-east-1`, `sqs central-backup-alerts`.
    public var name: String
    /// When a poll last succeeded (nil: never, in this run).
    public var lastSuccess: Date?
    /// The last poll's failure; nil once a poll succeeds again.
    public var failure: SourceFailure?
    /// When the first of the failures in a row happened.
    public var failingSince: Date?
    /// When the next poll is due.
    public var nextPoll: Date?
    /// Whether the source is still being started (seeding, resuming, its first listing).
    public var starting: Bool

    public init(
        name: String, lastSuccess: Date? = nil, failure: SourceFailure? = nil, failingSince: Date? = nil,
        nextPoll: Date? = nil, starting: Bool = true
    ) {
        self.name = name
        self.lastSuccess = lastSuccess
        self.failure = failure
        self.failingSince = failingSince
        self.nextPoll = nextPoll
        self.starting = starting
    }

    public var isFailing: Bool { failure != nil }
}
