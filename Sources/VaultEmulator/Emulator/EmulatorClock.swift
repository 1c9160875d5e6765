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

    /// A clock `offset` seconds ahead of the wall clock now, running at `speed`.
    public init(offset: TimeInterval = 0, speed: Double = 1, wall: @escaping @Sendable () -> Date = { Date() }) {
        self.wall = wall
        self.speed = speed
        wallAnchor = wall()
        anchor = wallAnchor + offset
    }

    public var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return anchor + wall().timeIntervalSince(wallAnchor) * speed
    }

    /// How far ahead of the wall clock the emulator's time is: what the store keeps, so that a
    /// restart resumes (while the emulator is stopped its time runs at the wall clock's pace).
    public var offset: TimeInterval { now.timeIntervalSince(wall()) }

    public func advance(by seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        anchor += seconds
    }

    public func set(to date: Date) {
        lock.lock()
        defer { lock.unlock() }
        wallAnchor = wall()
        anchor = date
    }
}
