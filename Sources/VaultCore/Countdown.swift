import Foundation

/// Time left until a deadline, derived from an absolute deadline and the clock's `now` every
/// time it is shown (never a counter that is decremented, which drifts).
public struct Countdown: Equatable, Sendable {
    public let deadline: Date
    public let now: Date

    public init(to deadline: Date, now: Date) {
        self.deadline = deadline
        self.now = now
    }

    /// Whole seconds left, rounded up so that "0s" only shows once the deadline is reached.
    public var secondsLeft: Int {
        let left = deadline.timeIntervalSince(now)
        return left <= 0 ? 0 : Int(left.rounded(.up))
    }

    public var isOver: Bool { now >= deadline }

    /// `2d 03:12:44`, `03:12:44`, `00:00:05`; `0s` once over.
    public var clock: String { Countdown.clock(seconds: secondsLeft) }

    public static func clock(seconds: Int) -> String {
        if seconds <= 0 { return "0s" }
        let d = seconds / 86_400
        let h = (seconds % 86_400) / 3600
        let m = (seconds % 3600) / 60
        let s = seconds % 60
        let hms = "\(pad(h)):\(pad(m)):\(pad(s))"
        return d > 0 ? "\(d)d \(hms)" : hms
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Coarse human durations for "12 min ago", "in 6d".
public enum Elapsed {
    public static func short(seconds: Int) -> String {
        let s = abs(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600)h" }
        if s < 86_400 * 365 { return "\(s / 86_400)d" }
        return "\(s / (86_400 * 365))y"
    }

    public static func ago(_ date: Date, now: Date) -> String {
        let s = Int(now.timeIntervalSince(date))
        if s < 0 { return "in \(short(seconds: s))" }
        if s < 5 { return "just now" }
        return "\(short(seconds: s)) ago"
    }

    public static func until(_ date: Date, now: Date) -> String {
        let s = Int(date.timeIntervalSince(now).rounded(.up))
        if s <= 0 { return "\(short(seconds: s)) ago" }
        return "in \(short(seconds: s))"
    }
}
