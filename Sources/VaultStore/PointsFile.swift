/// A points file that a staged first read (`StoreTail.pollDeferringPoints`) left for
/// `StoreTail.readPoints`, with its size when it was listed (for a progress indicator).
public struct PointsFile: Sendable, Hashable {
    /// `points/prod.jsonl`
    public let relativePath: String
    public let size: Int

    /// Whether `vault`'s recovery points are kept in this file.
    public func holds(vault: String) -> Bool {
        StoreFile.points(vault: vault).relativePath == relativePath
    }
}
