import AWSClient
import Foundation

/// A value shared between threads under a lock.
public final class LockedBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    public init(_ value: T) { self.value = value }
    public func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    public func set(_ new: T) { lock.lock(); value = new; lock.unlock() }
    public func update(_ body: (inout T) -> Void) { lock.lock(); body(&value); lock.unlock() }
}

/// A clock the test sets.
public final class ManualClock: AWSClock, @unchecked Sendable {
    private let box: LockedBox<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_323_045)) { box = LockedBox(start) }
    public func now() -> Date { box.get() }
    public func advance(_ seconds: TimeInterval) { box.update { $0 += seconds } }
    public func set(_ date: Date) { box.set(date) }
}

/// Records the waits asked for and advances the clock by them, without sleeping.
public final class RecordingSleeper: Sleeper, @unchecked Sendable {
    public let clock: ManualClock?
    private let box = LockedBox([TimeInterval]())
    public init(clock: ManualClock? = nil) { self.clock = clock }
    public var sleeps: [TimeInterval] { box.get().filter { $0 > 0 } }
    public func sleep(_ seconds: TimeInterval, cancellation: CancellationHandle?) throws {
        box.update { $0.append(seconds) }
        clock?.advance(seconds)
    }
}

/// A transport that records each request and answers none (the SSO portal and OIDC, which moto
/// does not implement, are checked for request shape only).
public final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    private let box = LockedBox([HTTPRequest]())
    public init() {}
    public var requests: [HTTPRequest] { box.get() }
    public func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        box.update { $0.append(request) }
        throw TransportError.unreachable("captured by the test")
    }
}

public let testCredentials = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing", source: .supplied)
