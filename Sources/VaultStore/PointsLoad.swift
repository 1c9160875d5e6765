import Foundation
import VaultCore

/// What reading one points file gave: each vault's whole list of recovery points, ready for
/// `AccountState.installPoints`, without a `Record` per point.
public struct PointsLoad: Sendable {
    /// By vault name. A file normally holds one vault; two names that share a file name share it.
    public var lists: [String: PointList] = [:]
    /// Anything else the file held, in file order, to apply after the lists: a removal of a point
    /// of a vault this file holds no points of, or a record of another kind.
    public var records: [Record] = []
    public var problems: [StoreProblem] = []
    /// The newest instant the file's records carried (creation dates, removal times).
    public var latestInstant: Date?
    /// Bytes of the file that were read, complete lines or not.
    public var bytes = 0

    public init() {}

    mutating func seen(_ date: Date) {
        if latestInstant.map({ date > $0 }) ?? true { latestInstant = date }
    }

    /// Applies one record read from the file.
    mutating func take(_ record: Record) {
        switch record {
        case .recoveryPoint(let point):
            lists[point.vaultName, default: PointList()].upsert(point)
            seen(point.creationDate)
        case .recoveryPointRemoved(let arn, let vault, let at) where lists[vault] != nil:
            lists[vault]?.remove(arn: arn)
            seen(at)
        default:
            records.append(record)
        }
    }
}

extension AccountState {
    /// Installs what a points file gave: its lists, then whatever else it held.
    public mutating func apply(_ load: PointsLoad) {
        for (vault, list) in load.lists.sorted(by: { $0.key < $1.key }) {
            installPoints(list, vault: vault, latestInstant: load.latestInstant)
        }
        apply(load.records)
    }
}
