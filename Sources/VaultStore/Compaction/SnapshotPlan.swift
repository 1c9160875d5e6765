import VaultCore

/// Which lines of a snapshot file (`vaults.jsonl`, `points/*.jsonl`) a compaction keeps: for each
/// vault and each recovery point, its newest line (a snapshot, or the removal that ended it), byte
/// for byte and where it stood; every line that is not a snapshot or removal (a malformed line,
/// another record type) stays too. So the state a load builds is the same after as before, the
/// sequence numbers still rise to the last line, and nothing the operator might want to look at
/// is dropped without being superseded.
struct SnapshotPlan {
    /// Complete lines in the file.
    var lineCount: Int
    /// The kept lines, in file order, without their newlines.
    var kept: [Range<Int>]

    init(_ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory) throws(StoreError) {
        let decoder = RecordDecoder()
        var lines: [(range: Range<Int>, key: String?)] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var key: String?
            switch decoder.decode(bytes[start..<newline]) {
            case .record(let record, _): key = Self.key(of: record)
            case .malformed: key = nil
            case .newerSchema(let version):
                throw .newerSchema(
                    file: root.path(of: file), line: lines.count + 1, version: version, supported: StoreSchema.current)
            }
            lines.append((start..<newline, key))
            start = newline + 1
        }
        var newest: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            if let key = line.key { newest[key] = index }
        }
        lineCount = lines.count
        kept = lines.indices.filter { index in lines[index].key.map { newest[$0] == index } ?? true }
            .map { lines[$0].range }
    }

    /// What a line is the current state of: a vault by its key, a recovery point by vault and ARN,
    /// a policy by kind, vault and name. A legacy line (before schema 3) keys as its name alone, so
    /// it never replaces a keyed one: both are kept, and the account state resolves it.
    static func key(of record: Record) -> String? {
        switch record {
        case .vault(let vault): return "vault\u{0}" + vault.key.description
        case .vaultRemoved(let vault, _): return "vault\u{0}" + vault.description
        case .recoveryPoint(let point): return "point\u{0}" + point.vaultKey.description + "\u{0}" + point.arn
        case .recoveryPointRemoved(let arn, let vault, _): return "point\u{0}" + vault.description + "\u{0}" + arn
        case .policy(let policy):
            let scope: String
            switch policy.kind {
            case .vaultAccessPolicy: scope = policy.vaultKey.description
            case .serviceControlPolicy: scope = policy.name
            case .eventRule, .backupPlan: scope = policy.scopedName
            }
            return "policy\u{0}" + policy.kind.rawValue + "\u{0}" + scope
        case .organization(let path): return "organization\u{0}" + path.accountId
        case .job, .call, .alert, .acknowledgement, .sync: return nil
        }
    }
}
