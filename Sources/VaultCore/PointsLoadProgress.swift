/// How far the background load of the store's recovery points has come: the header shows the
/// share of bytes read, and a vault whose points are not in yet says so rather than "none".
public struct PointsLoadProgress: Equatable, Sendable {
    /// Bytes read so far, and in all, of the files loading in the background: the points files
    /// and the activity logs (events, jobs) read with them.
    public var loadedBytes: Int
    public var totalBytes: Int
    /// Vaults whose points file has not been read yet.
    public var pendingVaults: Set<VaultKey>

    public init(loadedBytes: Int, totalBytes: Int, pendingVaults: Set<VaultKey>) {
        self.loadedBytes = loadedBytes
        self.totalBytes = totalBytes
        self.pendingVaults = pendingVaults
    }

    /// 0–100, rounded down so it reads 100 only when everything is in.
    public var percent: Int {
        totalBytes <= 0 ? 100 : min(100, Int(Int64(loadedBytes) * 100 / Int64(totalBytes)))
    }
}
