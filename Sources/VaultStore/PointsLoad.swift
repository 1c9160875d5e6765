import Foundation
import VaultCore

/// What reading one points file gave: each vault's whole list of recovery points, ready for
/// `AccountState.installPoints`, without a `Record` per point.
public struct PointsLoad: Sendable {
    /// By vault. A file normally holds one vault; two vaults whose file names collide share it,
    /// and a store from before schema 3 holds legacy keys (a name alone).
    public var lists: [VaultKey: PointList] = [:]
    /// Anything else the file held, in file order, to apply after the lists: a removal of a point
    /// of a vault this file holds no points of, or a record of another kind.
    public var records: [Record] = []
    public var problems: [StoreProblem] = []
    /// The newest instant the file's records carried (creation dates, removal times).
    public var latestInstant: Date?
    /// Bytes of the file that were read, complete lines or not.
    public var bytes = 0
    /// Where a legacy line's vault is (see `AccountState.home`), when the vaults read so far say.
    let home: VaultKey.Home?

    public init() {
        home = nil
    }

    init(home: VaultKey.Home?) {
        self.home = home
    }

    /// A legacy line's vault, in the home account and region; any other key as it is.
    func resolve(_ key: VaultKey) -> VaultKey {
        guard key.isLegacy, let home else { return key }
        return home.vault(named: key.name)
    }

    mutating func seen(_ date: Date) {
        if latestInstant.map({ date > $0 }) ?? true { latestInstant = date }
    }

    /// Applies one record read from the file.
    mutating func take(_ record: Record) {
        switch record {
        case .recoveryPoint(var point):
            let key = resolve(point.vaultKey)
            point.accountId = key.accountId
            point.region = key.region
            lists[key, default: PointList(vault: key)].upsert(point)
            seen(point.creationDate)
        case .recoveryPointRemoved(let arn, let vault, let at) where lists[resolve(vault)] != nil:
            lists[resolve(vault)]?.remove(arn: arn)
            seen(at)
        default:
            records.append(record)
        }
    }
}

extension AccountState {
    /// Installs what a points file gave: its lists, then whatever else it held.
    public mutating func apply(_ load: PointsLoad) {
        for (_, list) in load.lists.sorted(by: { $0.key < $1.key }) {
            installPoints(list, latestInstant: load.latestInstant)
        }
        apply(load.records)
    }
}
