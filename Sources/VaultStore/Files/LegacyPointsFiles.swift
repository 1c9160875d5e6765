import Synchronization
import VaultCore

/// Which vault names have a points file from before schema 3 (`points/<name>.jsonl`). The points
/// of such a vault keep going to that file after an upgrade, so each vault's points stay in one
/// file, in the order they happened, and a load reads them in one pass: a removal is never read
/// before the point it removes. Every line carries its whole key, so the file's name is only a
/// partition; nothing on disk is renamed or rewritten.
///
/// Schema 3 never creates such a file for a keyed vault, so what was found stays true: a name is
/// looked up once per store.
final class LegacyPointsFiles: Sendable {
    private let found = Mutex<[String: Bool]>([:])

    /// The file `record` is appended to: the legacy file of its vault's name when there is one.
    func file(for record: Record, in root: StoreDirectory) throws(StoreError) -> StoreFile {
        let file = StoreFile(for: record)
        let vault: VaultKey
        switch record {
        case .recoveryPoint(let point): vault = point.vaultKey
        case .recoveryPointRemoved(_, let key, _): vault = key
        default: return file
        }
        guard !vault.isLegacy else { return file }
        let legacy = StoreFile.points(vault: .legacy(vault.name))
        if let known = found.withLock({ $0[vault.name] }) { return known ? legacy : file }
        let exists = try root.status(of: legacy.relativePath) != nil
        found.withLock { $0[vault.name] = exists }
        return exists ? legacy : file
    }
}
