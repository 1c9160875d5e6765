import Foundation
import VaultCore

/// When a source is polled next. After a good poll, when the source asked. After a failure,
/// later and later, so a failing endpoint is not hammered and the store does not fill with one
/// failure a second: 1 s, 2 s, 4 s … up to a minute for what passes by itself (throttling, the
/// network, a bad answer), 30 s doubling up to 5 minutes for what waits on a person (credentials,
/// a missing permission); never sooner than a `Retry-After` the service gave. Pure, so its edges
/// are tested without waiting.
struct PollSchedule: Sendable, Equatable {
    /// Failures in a row.
    private(set) var failures = 0

    /// The delay before the first retry, and the longest delay, for a kind of failure.
    static func backoff(for kind: SourceFailure.Kind) -> (first: TimeInterval, longest: TimeInterval) {
        switch kind {
        case .credentials, .accessDenied: return (30, 300)
        case .throttled, .network, .badResponse, .storeRefused, .other: return (1, 60)
        }
    }

    /// The longest `Retry-After` honoured as given (a longer one is capped: a typo at the endpoint
    /// must not silence a source for a day).
    static let longestRetryAfter: TimeInterval = 900

    /// After a good poll: the delay the source asked for.
    mutating func succeeded(asking delay: TimeInterval) -> TimeInterval {
        failures = 0
        return max(0, delay)
    }

    /// After a failed one: the delay before the next try.
    mutating func failed(_ failure: SourceFailure) -> TimeInterval {
        failures += 1
        let (first, longest) = Self.backoff(for: failure.kind)
        let doubled = first * pow(2, Double(min(failures - 1, 30)))
        let delay = min(longest, doubled)
        guard let asked = failure.retryAfter, asked > 0 else { return delay }
        return max(delay, min(asked, Self.longestRetryAfter))
    }
}
