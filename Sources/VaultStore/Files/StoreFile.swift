import VaultCore

/// One JSON-lines file of the store, named by its path relative to the store directory.
struct StoreFile: Hashable, Sendable, Comparable {
    /// `vaults.jsonl`, `points/prod.jsonl`, …
    let relativePath: String
    /// Audit-trail files are flushed to disk before an append returns: an operator who is told an
    /// acknowledgement is recorded must find it there after a crash.
    let isAuditTrail: Bool
    /// Where the file comes in a load: vaults, points, jobs, events, alerts, acks, sync, policies.
    private let rank: Int

    static let vaults = StoreFile(relativePath: "vaults.jsonl", isAuditTrail: false, rank: 0)
    static let jobs = StoreFile(relativePath: "jobs.jsonl", isAuditTrail: false, rank: 2)
    static let events = StoreFile(relativePath: "events.jsonl", isAuditTrail: true, rank: 3)
    static let alerts = StoreFile(relativePath: "alerts.jsonl", isAuditTrail: true, rank: 4)
    static let acks = StoreFile(relativePath: "acks.jsonl", isAuditTrail: true, rank: 5)
    static let sync = StoreFile(relativePath: "sync.jsonl", isAuditTrail: false, rank: 6)
    static let policies = StoreFile(relativePath: "policies.jsonl", isAuditTrail: false, rank: 7)
    /// The signed digests of the chained files (see `Digest`): not records, so never loaded or tailed.
    static let digests = StoreFile(relativePath: "digests.jsonl", isAuditTrail: true, rank: 8)

    static let pointsFolder = "points"
    static let suffix = ".jsonl"

    /// The recovery points of one vault, partitioned so the first frame never depends on how many
    /// points the other vaults hold.
    static func points(vault: VaultKey) -> StoreFile {
        points(fileName: VaultFileName.stem(for: vault) + suffix)
    }

    /// A points file found in the `points` folder.
    static func points(fileName: String) -> StoreFile {
        StoreFile(relativePath: pointsFolder + "/" + fileName, isAuditTrail: false, rank: 1)
    }

    /// The file at `relativePath`, as `all(in:)` names it.
    static func named(_ relativePath: String) -> StoreFile {
        if let fixed = [vaults, jobs, events, alerts, acks, sync].first(where: { $0.relativePath == relativePath }) {
            return fixed
        }
        return points(fileName: String(relativePath.dropFirst(pointsFolder.count + 1)))
    }

    /// The file a record is appended to.
    init(for record: Record) {
        switch record {
        case .vault, .vaultRemoved: self = .vaults
        case .recoveryPoint(let point): self = .points(vault: point.vaultKey)
        case .recoveryPointRemoved(_, let vault, _): self = .points(vault: vault)
        case .job: self = .jobs
        case .call: self = .events
        case .alert: self = .alerts
        case .acknowledgement: self = .acks
        case .sync: self = .sync
        case .policy, .organization: self = .policies
        }
    }

    /// Whether this is a vault's points file.
    var isPoints: Bool { rank == 1 }

    /// Whether a staged first read leaves this file for later: a points file or an activity
    /// log (jobs, events), the files that grow without bound.
    var isBulk: Bool { (1...3).contains(rank) }

    /// Where a torn last line of this file is set aside: `alerts.jsonl.torn`.
    var tornRelativePath: String { relativePath + ".torn" }

    /// Load order; points files by name, so a load is the same each time.
    static func < (a: StoreFile, b: StoreFile) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : Array(a.relativePath.utf8).lexicographicallyPrecedes(b.relativePath.utf8)
    }

    private init(relativePath: String, isAuditTrail: Bool, rank: Int) {
        self.relativePath = relativePath
        self.isAuditTrail = isAuditTrail
        self.rank = rank
    }

    /// The store's files as the directory holds them now, in load order. Files that do not exist
    /// yet are included (readers skip them); every `points/*.jsonl` is found by listing.
    static func all(in directory: StoreDirectory) throws(StoreError) -> [StoreFile] {
        let pointFiles = try directory.list(pointsFolder)
            .filter { $0.hasSuffix(suffix) && $0.utf8.count > suffix.utf8.count }
            .map { StoreFile.points(fileName: $0) }
        return ([vaults, jobs, events, alerts, acks, sync, policies] + pointFiles).sorted()
    }
}
