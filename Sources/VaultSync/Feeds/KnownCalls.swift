import VaultCore

/// The CloudTrail event ids a feed must not deliver again: those the store held when the feed
/// started, and those it delivered since (kept up to `recentLimit`, oldest forgotten first, so a
/// feed that runs for months does not grow without bound).
struct KnownCalls: Sendable {
    static let recentLimit = 200_000

    private var held: Set<String>
    private var recent: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    init(held: Set<String> = []) { self.held = held }

    func contains(_ id: String) -> Bool { held.contains(id) || recent.contains(id) }

    /// Remembers `id`; false when it was known already.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        guard !contains(id) else { return false }
        recent.insert(id)
        order.append(id)
        if order.count - oldest > Self.recentLimit {
            recent.remove(order[oldest])
            oldest += 1
            if oldest > Self.recentLimit {
                order.removeFirst(oldest)
                oldest = 0
            }
        }
        return true
    }
}
