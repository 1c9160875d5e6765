import VaultStore

/// The size and seed of one generated account: everything a data set is a function of.
public struct DatasetSpec: Sendable, Equatable {
    public var seed: UInt64
    public var points: Int
    public var vaults: Int
    /// CloudTrail-style API calls; the alerts the seed rule raises for them, and acknowledgements
    /// of some of those, are stored as well.
    public var calls: Int

    /// Bumped whenever the generator's output changes, so cached data sets of older versions are
    /// never mistaken for current ones.
    public static let generatorVersion = 1

    public init(seed: UInt64, points: Int, vaults: Int, calls: Int) {
        precondition(points >= 0 && vaults > 0 && calls >= 0, "a data set needs at least one vault")
        self.seed = seed
        self.points = points
        self.vaults = vaults
        self.calls = calls
    }

    /// The cache folder's name: the same spec, generator and store line format always find the
    /// same folder.
    public var key: String {
        "seed\(seed)-points\(points)-vaults\(vaults)-calls\(calls)-v\(Self.generatorVersion)-schema\(StoreSchema.current)"
    }

    /// Recovery points held by vault `v`: points are dealt to the vaults in turn.
    public func pointCount(inVault v: Int) -> Int { (points - v + vaults - 1) / vaults }
}
