import Foundation
import VaultCore

/// When a feed writes its `.sync` record: after every poll that brought something, and otherwise
/// once a minute, so the header can say "synced 20 s ago" of a quiet queue without a line every
/// 20 s in the store.
struct SyncHeartbeat: Sendable {
    static let interval: TimeInterval = 60

    private var last: Date?

    /// The sync record to append now, if any.
    mutating func record(source: String, accountId: String, region: String, at now: Date, eventful: Bool) -> Record? {
        if !eventful, let last, now.timeIntervalSince(last) < Self.interval, now >= last { return nil }
        last = now
        return .sync(SyncStatus(source: source, accountId: accountId, region: region, at: now))
    }
}
