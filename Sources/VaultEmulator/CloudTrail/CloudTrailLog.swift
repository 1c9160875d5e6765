import Foundation

/// Every event the emulator recorded, oldest first, shared by the threads serving requests.
/// When given a file, each event is appended to it as one JSON line as it is recorded.
public final class CloudTrailLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [TrailEvent]
    private let file: FileHandle?

    init(events: [TrailEvent], file: FileHandle?) {
        self.events = events
        self.file = file
    }

    public var all: [TrailEvent] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }

    func append(_ new: [TrailEvent]) {
        guard !new.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        events += new
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
}
