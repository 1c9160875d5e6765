/// How much each figure measures.
struct Sizes {
    var points: Int
    var vaults = 50
    var calls: Int
    /// The typical store, the peer of the first frame.
    var typicalPoints: Int
    var typicalVaults = 20
    var typicalCalls: Int
    /// Events through the alert rule's pattern.
    var matchEvents: Int
    var acknowledgements: Int
    var bulkPoints: Int
    /// Rounds of the short figures (appends, matching), of which the best counts, ours and the peer's.
    /// Best of: the machine is shared, and a single round measures the neighbours as much as us.
    var rounds = 5

    static let full = Sizes(
        points: 1_000_000, calls: 100_000, typicalPoints: 20_000, typicalCalls: 2_000, matchEvents: 200_000,
        acknowledgements: 200, bulkPoints: 200_000)
    static let quick = Sizes(
        points: 50_000, calls: 5_000, typicalPoints: 5_000, typicalCalls: 500, matchEvents: 20_000,
        acknowledgements: 50, bulkPoints: 20_000)
}
