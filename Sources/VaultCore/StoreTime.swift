import Foundation

/// What a simulated clock was doing when a sync was made: how fast it ran, and the wall-clock
/// instant the sync's time stood for.
public struct SimulatedTime: Codable, Equatable, Sendable {
    public var speed: Double
    public var wallClock: Date

    public init(speed: Double, wallClock: Date) {
        self.speed = speed
        self.wallClock = wallClock
    }
}

/// What time it is for a store: the one answer every screen and command that reads it gives, so
/// none contradicts another about the time or the state of a lock.
///
/// A store the demo fed faster than real time is on simulated time: each of its syncs says how far
/// ahead of the wall clock it was made (`SimulatedTime`), and from the newest such sync the store's
/// time carries on at the wall clock's pace, whoever reads it and whenever. It never goes back, and
/// `vaultwatch demo` resumes from it. Every other store is on the wall clock.
public struct StoreTime: Equatable, Sendable {
    /// The store's instant.
    public let now: Date
    /// How far ahead of the wall clock it is (0 on the wall clock).
    public let ahead: TimeInterval
    /// Whether the store's time is the demo's simulated time.
    public let isSimulated: Bool

    /// The source name of the embedded demo account: its syncs are on simulated time even when
    /// written before syncs said so.
    public static let demoSource = "demo"

    public init(_ state: AccountState, wall: Date) {
        guard let sync = state.simulatedSync else {
            now = wall
            ahead = 0
            isSimulated = false
            return
        }
        // A sync written before syncs carried their wall-clock instant counts as made now.
        let stood = sync.simulated?.wallClock ?? wall
        ahead = max(sync.at.timeIntervalSince(stood), 0)
        now = wall.addingTimeInterval(ahead)
        isSimulated = true
    }

    /// Whether it should be said: simulated and at least a second ahead of the wall clock.
    public var differsFromWallClock: Bool { isSimulated && ahead >= 1 }

    /// `simulated time 2026-12-05 16:49:36 UTC, 2d 04:00:12 ahead of the clock`.
    public var label: String {
        "simulated time \(UTC.second(now)) UTC, \(Countdown.clock(seconds: Int(ahead.rounded()))) ahead of the clock"
    }
}
