import Foundation

/// Which stretch of time a CloudTrail feed looks up next, and how far it has covered. Each lookup
/// runs from a little before what is covered (CloudTrail delivers events minutes late and not in
/// order, so the stretches overlap; events seen twice are recognised by their id) up to the time
/// it began, page after page with the same parameters, as `NextToken` requires. Only a lookup
/// followed to its last page moves what is covered. Pure, so its edges are tested without waiting.
struct LookupWindow: Sendable, Equatable {
    struct Settings: Sendable, Equatable {
        /// How far each lookup reaches back over what is already covered.
        var overlap: TimeInterval = 15 * 60
        /// How far back the very first lookup goes, with nothing covered yet.
        var firstLookback: TimeInterval = 86_400
    }

    /// A lookup in progress.
    struct Lookup: Sendable, Equatable {
        var start: Date
        var end: Date
        /// The next page's token; nil before the first page.
        var nextToken: String?
    }

    let settings: Settings
    /// Every event up to this instant has been looked up (nil: nothing yet).
    private(set) var covered: Date?
    private(set) var current: Lookup?

    init(settings: Settings = Settings(), covered: Date? = nil) {
        self.settings = settings
        self.covered = covered
    }

    /// The lookup to run now: the one in progress, or a new one up to `now`.
    mutating func lookup(at now: Date) -> Lookup {
        if let current { return current }
        let oldest = now.addingTimeInterval(-CloudTrailLookup.retention)
        let from = covered.map { $0.addingTimeInterval(-settings.overlap) } ?? now.addingTimeInterval(-settings.firstLookback)
        let lookup = Lookup(start: min(max(from, oldest), now), end: now, nextToken: nil)
        current = lookup
        return lookup
    }

    /// A page was read: follow `nextToken`, or (none left) the lookup is done and covers its end.
    /// Returns whether the lookup is done.
    mutating func read(nextToken: String?) -> Bool {
        guard var lookup = current else { return true }
        guard let nextToken, !nextToken.isEmpty else {
            covered = max(covered ?? lookup.end, lookup.end)
            current = nil
            return true
        }
        lookup.nextToken = nextToken
        current = lookup
        return false
    }

    /// The token was refused (expired, or the parameters changed): start the lookup over.
    mutating func restart() {
        current?.nextToken = nil
    }
}
