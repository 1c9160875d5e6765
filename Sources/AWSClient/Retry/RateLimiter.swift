import Foundation

/// A documented request-rate limit of one operation, applied per profile (≈ account) and region.
public struct RateLimit: Sendable, Hashable {
    public let name: String
    public let perSecond: Double
    public let burst: Double

    public init(name: String, perSecond: Double, burst: Double) {
        self.name = name
        self.perSecond = perSecond
        self.burst = burst
    }

    /// CloudTrail LookupEvents: “limited to two per second, per account, per Region”.
    public static let cloudTrailLookupEvents = RateLimit(name: "cloudtrail.LookupEvents", perSecond: 2, burst: 2)

    /// The limit vaultwatch applies to `operation` of `service` by default, if any.
    public static func defaultLimit(service: AWSService, operation: String) -> RateLimit? {
        service == .cloudTrail && operation == "LookupEvents" ? .cloudTrailLookupEvents : nil
    }
}

/// Token buckets, one per (limit, profile, region), shared by every client given the same
/// `RateLimiter`. Taking a token never blocks inside the lock: it reserves the token and returns how
/// long the caller must wait (on its injected sleeper) before sending.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }
    private let buckets = Locked([String: Bucket]())

    public init() {}

    /// Reserves one token of `limit` for `key` at `now`; returns the wait in seconds (0 when free).
    public func reserve(_ limit: RateLimit, key: String, now: Date) -> TimeInterval {
        let id = "\(limit.name)|\(key)"
        return buckets.withLock { buckets in
            var bucket = buckets[id] ?? Bucket(tokens: limit.burst, updated: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updated))
            bucket.tokens = min(limit.burst, bucket.tokens + elapsed * limit.perSecond)
            bucket.updated = max(bucket.updated, now)
            bucket.tokens -= 1
            buckets[id] = bucket
            return bucket.tokens >= 0 ? 0 : -bucket.tokens / limit.perSecond
        }
    }
}
