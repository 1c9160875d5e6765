/// Alerts in the order they were raised, kept in runs of 1,024 that copies of the log share.
///
/// The worker takes in alerts into an account state the screen holds a snapshot of. As one array,
/// every tick that brought a single alert copied all of them (the snapshot shared the array), and
/// the screen's letting go of the snapshot freed all of them again: at 125,000 alerts, with 5,000
/// arriving a second, about a third of the dashboard's worker time. Here a copy shares every run;
/// changing one copies that run alone (the last, for an alert appended), so taking in alerts costs
/// what arrived, not what is held.
public struct AlertLog: RandomAccessCollection, Equatable, Sendable {
    /// Alerts a run holds (a power of two: an alert's run and place in it are a shift and a mask).
    @usableFromInline static let runLength = 1 << runShift
    @usableFromInline static let runShift = 10

    /// One run of alerts, shared by every copy of the log until one of them changes it.
    @usableFromInline final class Run: @unchecked Sendable {
        // Changed only through a log that holds the run alone (`isKnownUniquelyReferenced`), as
        // an array's storage is: a run another copy holds is copied first. So no two accesses
        // can overlap, and the run time's check of each (a class's stored property) is left out.
        // Set only here, in this file: nothing else may reach past the log into a shared run.
        @exclusivity(unchecked) @usableFromInline fileprivate(set) var alerts: [Alert]
        init(_ alerts: [Alert]) { self.alerts = alerts }
    }

    /// Full runs, then the last, which may not be.
    @usableFromInline private(set) var runs: [Run] = []
    public private(set) var count = 0

    public init() {}

    public init(_ alerts: some Sequence<Alert>) {
        for alert in alerts { append(alert) }
    }

    // Inlinable, as an array's are: the screen and the `alerts` command read every alert
    // through these from other modules.
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Alert {
        _read {
            precondition(position >= 0 && position < count, "alert \(position) of \(count)")
            yield runs[position >> Self.runShift].alerts[position & (Self.runLength - 1)]
        }
        set {
            precondition(position >= 0 && position < count, "alert \(position) of \(count)")
            let run = ownRun(position >> Self.runShift)
            run.alerts[position & (Self.runLength - 1)] = newValue
        }
    }

    public mutating func append(_ alert: consuming Alert) {
        if count & (Self.runLength - 1) == 0 {
            // The first run grows as an array grows (a state of three alerts does not hold room
            // for 1,024); a log that filled one is given each next run's room at once, not
            // moved up to it ten times.
            var alerts: [Alert] = []
            if count > 0 { alerts.reserveCapacity(Self.runLength) }
            alerts.append(consume alert)
            runs.append(Run(alerts))
        } else {
            ownRun(runs.count - 1).alerts.append(consume alert)
        }
        count += 1
    }

    /// Room for `total` alerts in all: the list of runs, ahead (each run but the first is given its
    /// whole room when its first alert comes).
    public mutating func reserveCapacity(_ total: Int) {
        runs.reserveCapacity((total + Self.runLength - 1) >> Self.runShift)
    }

    /// The alert at `position`, read where it is (no copy of its strings, so none retained).
    @inlinable public func withAlert<Result>(at position: Int, _ body: (UnsafePointer<Alert>) throws -> Result) rethrows -> Result {
        precondition(position >= 0 && position < count, "alert \(position) of \(count)")
        return try runs[position >> Self.runShift].alerts.withUnsafeBufferPointer {
            try body($0.baseAddress! + (position & (Self.runLength - 1)))
        }
    }

    /// Run `k`, copied first if another copy of the log holds it too.
    @usableFromInline mutating func ownRun(_ k: Int) -> Run {
        if !isKnownUniquelyReferenced(&runs[k]) {
            // With room to grow, so the append that asked for the copy does not copy it again.
            let shared = runs[k].alerts
            var alerts: [Alert] = []
            alerts.reserveCapacity(Swift.min(Self.runLength, Swift.max(16, shared.count * 2)))
            alerts.append(contentsOf: shared)
            runs[k] = Run(alerts)
        }
        return runs[k]
    }

    public static func == (a: AlertLog, b: AlertLog) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a.runs, b.runs) where x !== y {
            guard x.alerts == y.alerts else { return false }
        }
        return true
    }
}
