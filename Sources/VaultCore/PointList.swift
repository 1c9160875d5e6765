import Foundation

/// A vault's recovery points in arrival order, with an index by ARN so a new snapshot of a point
/// replaces the old one.
public struct PointList: Equatable, Sendable {
    public private(set) var items: [RecoveryPoint] = []
    private var index: [String: Int] = [:]
    /// Kept up to date on every change, so screens never sum a vault's points per frame.
    public private(set) var totalBytes: Int64 = 0
    public private(set) var newestCreation: Date?

    public init() {}

    public func point(arn: String) -> RecoveryPoint? { index[arn].map { items[$0] } }

    public mutating func upsert(_ point: RecoveryPoint) {
        if let i = index[point.arn] {
            totalBytes += point.sizeBytes - items[i].sizeBytes
            items[i] = point
        } else {
            index[point.arn] = items.count
            items.append(point)
            totalBytes += point.sizeBytes
        }
        if newestCreation.map({ point.creationDate > $0 }) ?? true { newestCreation = point.creationDate }
    }

    public mutating func remove(arn: String) {
        guard let i = index.removeValue(forKey: arn) else { return }
        let removed = items.remove(at: i)
        for j in i..<items.count { index[items[j].arn] = j }
        totalBytes -= removed.sizeBytes
        if removed.creationDate == newestCreation { newestCreation = items.map(\.creationDate).max() }
    }
}
