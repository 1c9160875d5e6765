import Foundation

/// The time the client reads: signatures, expiry checks, rate-limit buckets. Injected so tests fix it.
public protocol AWSClock: Sendable {
    func now() -> Date
}

/// Waits between attempts and for rate-limit tokens. Injected so tests record the waits instead of sleeping.
public protocol Sleeper: Sendable {
    /// Waits `seconds`; throws `TransportError.cancelled` if `cancellation` fires first.
    func sleep(_ seconds: TimeInterval, cancellation: CancellationHandle?) throws
}

public struct SystemClock: AWSClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Sleeps on a semaphore so a cancellation ends the wait at once.
public struct SystemSleeper: Sleeper {
    public init() {}
    public func sleep(_ seconds: TimeInterval, cancellation: CancellationHandle?) throws {
        guard seconds > 0 else { return }
        let wake = DispatchSemaphore(value: 0)
        cancellation?.onCancel { wake.signal() }
        _ = wake.wait(timeout: .now() + seconds)
        if cancellation?.isCancelled == true { throw TransportError.cancelled }
    }
}
