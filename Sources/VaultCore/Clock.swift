import Foundation

/// Where "now" comes from. Every countdown and every rule takes its time from a clock that is
/// passed in, so tests can fix it and the demo can run faster than real time.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant: for tests and screen captures.
public struct FixedClock: Clock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}

/// The demo's clock: simulated time running `speed` times faster than the wall clock, which can
/// be moved forward once the store is loaded so a restarted demo resumes where it left off
/// instead of going back in time. One instance is shared by the worker and the screen.
public final class SimulatedClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var origin: Date
    private var baseStart: Date
    public let speed: Double
    private let base: any Clock

    public init(origin: Date, speed: Double, base: any Clock = SystemClock()) {
        self.origin = origin
        self.speed = max(speed, 0)
        self.base = base
        self.baseStart = base.now()
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return origin.addingTimeInterval(base.now().timeIntervalSince(baseStart) * speed)
    }

    /// The wall clock's instant now.
    public func wallNow() -> Date { base.now() }

    /// The wall-clock instant at which simulated time reads `instant`.
    public func wallClock(of instant: Date) -> Date {
        lock.lock()
        defer { lock.unlock() }
        return baseStart.addingTimeInterval(instant.timeIntervalSince(origin) / max(speed, .leastNonzeroMagnitude))
    }

    /// How a sync made at the simulated `instant` records its time; nil while this clock is the
    /// wall clock itself (speed 1, never moved ahead), so a real account's syncs carry nothing.
    public func stamp(_ instant: Date) -> SimulatedTime? {
        let wall = wallClock(of: instant)
        guard speed != 1 || instant.timeIntervalSince(wall) >= 1 else { return nil }
        return SimulatedTime(speed: speed, wallClock: wall)
    }

    /// Jumps forward to `instant` if simulated time is behind it; never goes back.
    public func resume(from instant: Date) {
        lock.lock()
        defer { lock.unlock() }
        let current = origin.addingTimeInterval(base.now().timeIntervalSince(baseStart) * speed)
        guard instant > current else { return }
        origin = instant
        baseStart = base.now()
    }
}
