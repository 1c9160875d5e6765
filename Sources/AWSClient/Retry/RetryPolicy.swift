import Foundation

/// botocore's *standard* retry mode (`botocore/retries/standard.py`): retry transient errors
/// (`RequestTimeout`, `RequestTimeoutException`, `PriorRequestNotComplete`, HTTP 500/502/503/504,
/// connection errors and timeouts) and throttling errors, up to `maxAttempts` attempts in all, waiting
/// `random() × min(2^(attempt−1), 20)` seconds (full jitter), while the retry quota lasts.
///
/// `Retry-After` (seconds or an HTTP date) and `x-amz-retry-after` (milliseconds) are honoured — botocore's
/// current standard mode ignores them: the wait is at least what the service asks; when it asks for more than
/// the 20 s cap, the call is not retried and fails as `throttled(retryAfter:)` so the caller waits on its own clock.
public struct RetryPolicy: Sendable {
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]
    /// STS's `IDPCommunicationError` (botocore `special.RetryIDPCommunicationError`).
    public static let stsTransientCodes: Set<String> = ["IDPCommunicationError"]

    public let configuration: RetryConfiguration

    public init(configuration: RetryConfiguration) { self.configuration = configuration }

    /// What failed on one attempt.
    public enum Failure: Sendable {
        case transport(TransportError)
        case response(code: String, status: Int, retryAfter: TimeInterval?)
    }

    public func isThrottling(_ failure: Failure) -> Bool {
        if case .response(let code, _, _) = failure { return Self.throttlingCodes.contains(code) }
        return false
    }

    public func isRetryable(_ failure: Failure, service: AWSService) -> Bool {
        switch failure {
        case .transport(let error): return error != .cancelled
        case .response(let code, let status, _):
            return Self.transientCodes.contains(code) || Self.transientStatuses.contains(status)
                || Self.throttlingCodes.contains(code) || (service == .sts && Self.stsTransientCodes.contains(code))
        }
    }

    /// The wait before the next attempt after `attempt` (1-based) failed, or nil when the
    /// service's `Retry-After` exceeds the cap.
    public func delay(after attempt: Int, retryAfter: TimeInterval?, random: Double) -> TimeInterval? {
        let jitter = random * min(pow(2, Double(attempt - 1)), configuration.maxBackoff)
        guard let retryAfter else { return jitter }
        if retryAfter > configuration.maxBackoff { return nil }
        return max(jitter, retryAfter)
    }

    /// Parses `Retry-After` (delta seconds or an HTTP date) or `x-amz-retry-after` (milliseconds).
    public static func retryAfter(_ headers: HTTPHeaders, now: Date) -> TimeInterval? {
        if let ms = headers["x-amz-retry-after"], let value = Int(ms.trimmingCharacters(in: .whitespaces)), value >= 0 {
            return Double(value) / 1000
        }
        guard let text = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// botocore's retry quota (`botocore/retries/quota.py` + `RetryQuotaChecker`): 500 units; a retry
/// costs 5 (10 after a timeout); a success without retry gives 1 back, a success after retries gives
/// back what its last retry took. An empty quota stops retrying.
public final class RetryQuota: Sendable {
    public static let initialCapacity = 500
    private let available = Locked(RetryQuota.initialCapacity)

    public init() {}

    public var availableCapacity: Int { available.withLock { $0 } }

    /// Takes the cost of one retry; false when not enough is left.
    func acquire(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? 10 : 5
        return available.withLock { value in
            guard value >= cost else { return nil }
            value -= cost
            return cost
        }
    }

    func release(_ amount: Int) {
        available.withLock { $0 = min(Self.initialCapacity, $0 + amount) }
    }
}
