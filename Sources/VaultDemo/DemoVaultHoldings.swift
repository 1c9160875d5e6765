import Foundation
import VaultCore

/// One vault of the simulated service and what it holds, points in arrival order (the order
/// the store keeps them in, so a restored backend walks them the same way).
struct DemoVaultHoldings {
    var vault: Vault
    var creatorRequestId: String?
    var accessPolicy: String?
    var notificationTopicArn: String?
    var notificationEvents: [String] = []
    private(set) var points: [RecoveryPoint] = []
    private var index: [String: Int] = [:]
    /// No point of the vault expires or goes to cold storage before this instant (nil: none ever
    /// does), so that AWS Backup's passes skip a vault with nothing due without reading its points.
    private(set) var nextDue: Date?

    init(vault: Vault, creatorRequestId: String?) {
        self.vault = vault
        self.creatorRequestId = creatorRequestId
    }

    func point(arn: String) -> RecoveryPoint? { index[arn].map { points[$0] } }

    /// Where the point with this ARN stands in arrival order.
    func position(of arn: String) -> Int? { index[arn] }

    mutating func put(_ point: RecoveryPoint) {
        if let due = Self.due(point), nextDue.map({ due < $0 }) ?? true { nextDue = due }
        if let i = index[point.arn] {
            points[i] = point
        } else {
            index[point.arn] = points.count
            points.append(point)
        }
    }

    @discardableResult
    mutating func remove(arn: String) -> RecoveryPoint? {
        guard let i = index.removeValue(forKey: arn) else { return nil }
        let removed = points.remove(at: i)
        for j in i..<points.count { index[points[j].arn] = j }
        return removed
    }

    /// When AWS Backup next has something to do with `point`: its expiry, or its move to cold storage.
    static func due(_ point: RecoveryPoint) -> Date? {
        if point.status == .expired { return .distantPast }
        let cold = point.storageClass == .warm ? point.moveToColdStorageAt : nil
        switch (point.deleteAt, cold) {
        case let (delete?, cold?): return min(delete, cold)
        case let (delete, cold): return delete ?? cold
        }
    }

    /// Works `nextDue` out again from every point, after a pass.
    mutating func recomputeNextDue() {
        nextDue = points.lazy.compactMap(Self.due).min()
    }

    /// Removes every point matching `predicate`, returning them in order.
    mutating func removeAll(where predicate: (RecoveryPoint) -> Bool) -> [RecoveryPoint] {
        let gone = points.filter(predicate)
        guard !gone.isEmpty else { return [] }
        points.removeAll(where: predicate)
        index = [:]
        for (i, p) in points.enumerated() { index[p.arn] = i }
        return gone
    }
}
