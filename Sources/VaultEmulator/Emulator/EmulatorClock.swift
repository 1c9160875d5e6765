import Foundation

/// The emulator's time: the wall clock shifted by an offset and run `speed` times faster from the
/// moment the emulator started, so that a rehearsal reaches a lock date without waiting days.
/// `advance(by:)` and `set(to:)` (the admin route) move it forward at once. Only the emulator's own
/// rules use it; signatures are checked against the wall clock, as AWS checks them.
public final class EmulatorClock: @unchecked Sendable {
    private let lock = NSLock()
    private let wall: @Sendable () -> Date
    private var wallAnchor: Date
    private var anchor: Date
    public let speed: Double

    /// The latest instant the emulator's time may reach (9999-12-31 23:59:59 UTC): every date it
    /// writes (ISO 8601, epoch seconds and milliseconds as integers) stays representable.
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)

    /// A clock `offset` seconds ahead of the wall clock now, running at `speed`. An offset that is
    /// not finite, or beyond `latest` (a hand-edited or older state file), stops at `latest`.
    public init(offset: TimeInterval = 0, speed: Double = 1, wall: @escaping @Sendable () -> Date = { Date() }) {
        self.wall = wall
        self.speed = speed
        wallAnchor = wall()
        anchor = offset.isNaN ? wallAnchor : min(wallAnchor.addingTimeInterval(min(offset, .greatestFiniteMagnitude)), Self.latest)
    }

    public var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return min(anchor + wall().timeIntervalSince(wallAnchor) * speed, Self.latest)
    }

    /// How far ahead of the wall clock the emulator's time is: what the store keeps, so that a
    /// restart resumes (while the emulator is stopped its time runs at the wall clock's pace).
    public var offset: TimeInterval { now.timeIntervalSince(wall()) }

    /// Whether the clock may move to `date`: forward (or standing) and no later than `latest`.
    public func canMove(to date: Date) -> Bool { date >= now && date <= Self.latest }

    public func advance(by seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        guard seconds.isFinite else { return }
        anchor = min(anchor + seconds, Self.latest)
    }

    public func set(to date: Date) {
        lock.lock()
        defer { lock.unlock() }
        wallAnchor = wall()
        anchor = min(date, Self.latest)
    }
}
