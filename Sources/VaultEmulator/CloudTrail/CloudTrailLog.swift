import Foundation

/// Every event the emulator recorded, oldest first, shared by the threads serving requests. In
/// memory it keeps the newest `capacity` events (a dashboard polling the emulator every second
/// makes ten events a second, so a demo left open all day would otherwise keep millions); each
/// event has a position that never changes, so a lookup's page token stays good while older events
/// are dropped. When given a file, each event is appended to it as one JSON line as it is recorded,
/// and the file keeps them all.
public final class CloudTrailLog: @unchecked Sendable {
    /// How many events are kept in memory unless told otherwise.
    public static let defaultCapacity = 100_000

    private let lock = NSLock()
    private var events: [TrailEvent]
    /// How many of the oldest events were dropped: the position of `events[0]`.
    private var dropped = 0
    private let capacity: Int
    private let file: FileHandle?

    init(events: [TrailEvent], file: FileHandle?, capacity: Int = CloudTrailLog.defaultCapacity) {
        self.capacity = max(1, capacity)
        self.events = events
        self.file = file
        trim()
    }

    /// The events kept in memory, oldest first.
    public var all: [TrailEvent] { lock.withLock { events } }

    /// The events kept, and the position of the first of them among all ever recorded.
    var kept: (events: [TrailEvent], first: Int) { lock.withLock { (events, dropped) } }

    func append(_ new: [TrailEvent]) {
        guard !new.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        events += new
        trim()
        guard let file else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        var lines = Data()
        for event in new {
            if let line = try? encoder.encode(event) {
                lines.append(line)
                lines.append(0x0A)
            }
        }
        file.write(lines)
    }

    /// Drops the oldest events beyond the capacity, a tenth of it at a time (not one by one).
    private func trim() {
        guard events.count > capacity else { return }
        let removed = min(events.count - capacity + capacity / 10, events.count)
        events.removeFirst(removed)
        dropped += removed
    }
}
