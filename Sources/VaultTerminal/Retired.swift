import Dispatch

/// Where replaced snapshots are let go. The worker copies its account state when it takes in more
/// while the screen still holds the last snapshot (copy on write), so the snapshot the screen lets
/// go is often the only owner of a whole copy of the alerts and calls: freeing it, element by
/// element, takes milliseconds at a hundred thousand alerts (15–22 ms, measured on the screen's
/// thread while 5,000 alerts a second arrived). That work goes to a background queue, so a key
/// pressed meanwhile is answered at once.
///
/// The caller gives the value up whole: were it to keep a reference and let it go after handing a
/// copy over, the queue (on an idle core, within microseconds) could finish first and leave the
/// caller's release the last one, which frees everything on the caller's thread after all.
enum Retired {
    private static let queue = DispatchQueue(label: "vaultwatch.retired-snapshots", qos: .utility)

    /// Takes `value` (leaving nil) and lets it go on the background queue. `handedOver` runs once
    /// the queue has it, before `drop` returns: the tests wait there for the queue to finish
    /// first, the case in which a reference the caller still held would free it on its thread.
    static func drop<Value: Sendable>(_ value: inout Value?, handedOver: () -> Void = {}) {
        guard let taken = value.take() else { return }
        let held = Held(consume taken)
        queue.async { held.value = nil }
        handedOver()
    }

    /// Waits until everything handed over so far has been let go (for the tests).
    static func settle() { queue.sync {} }

    /// The one owner of a value on its way to the queue; emptied there, so the value is freed
    /// there whoever lets go of the box last.
    private final class Held<Value: Sendable>: @unchecked Sendable {
        // Set on the caller's thread before `async`, cleared on the queue after: ordered by it.
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }
}
