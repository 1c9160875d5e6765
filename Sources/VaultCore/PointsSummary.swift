import Foundation

/// What the commands that list vaults and judge guardrails need of a vault's recovery points,
/// without the points: how many, their bytes, the newest, and each protected resource's newest
/// point that counts (`RecoveryPointRecency`). The store keeps one per points file, up to date on
/// every append, so `vaultwatch vaults` and `guardrails check` never read a million points.
public struct PointsSummary: Codable, Equatable, Sendable {
    public var points: Int
    public var bytes: Int64
    public var newest: Date?
    /// Resource ARN → creation date of its newest completed (or available) point.
    public var newestCounted: [String: Date]

    public init(points: Int = 0, bytes: Int64 = 0, newest: Date? = nil, newestCounted: [String: Date] = [:]) {
        self.points = points
        self.bytes = bytes
        self.newest = newest
        self.newestCounted = newestCounted
    }

    /// The summary after a point that is not in the vault yet is added.
    public mutating func add(_ point: RecoveryPoint) {
        points += 1
        bytes = bytes &+ point.sizeBytes
        if newest.map({ point.creationDate > $0 }) ?? true { newest = point.creationDate }
        guard RecoveryPointRecency.counts(point) else { return }
        if newestCounted[point.resourceArn].map({ point.creationDate > $0 }) ?? true {
            newestCounted[point.resourceArn] = point.creationDate
        }
    }
}

extension PointList {
    /// This list's summary.
    public var summary: PointsSummary {
        PointsSummary(
            points: count, bytes: totalBytes, newest: newestCreation,
            newestCounted: newestCreationByResource(counting: RecoveryPointRecency.counts))
    }
}
