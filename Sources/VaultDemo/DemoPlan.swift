import Foundation
import VaultCore

/// A backup plan rule for one resource: which vault its recovery points land in, how long they
/// are kept, and when it runs (every `everyHours`, `atMinute` minutes into each period, counted
/// from 1970 so the schedule does not depend on when the demo started).
struct DemoPlan: Sendable {
    var vault: String
    var lifecycle: Lifecycle
    var everyHours: Int
    var atMinute: Int
    /// Whether the point is copied in from the resource's member account (else backed up here).
    var copied: Bool

    /// The run times in `(after, upTo]`, in order.
    func runs(after start: Date, upTo end: Date) -> [Date] {
        let period = Double(everyHours * 3600)
        let phase = Double(atMinute * 60)
        var k = ((start.timeIntervalSince1970 - phase) / period).rounded(.down) + 1
        var times: [Date] = []
        while true {
            let t = Date(timeIntervalSince1970: k * period + phase)
            if t > end { break }
            if t > start { times.append(t) }
            k += 1
        }
        return times
    }
}
