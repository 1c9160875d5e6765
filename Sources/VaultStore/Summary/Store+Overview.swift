import VaultCore

/// The files of the store a command can ask for alone.
public enum StorePart: Sendable, Hashable {
    /// `vaults.jsonl`
    case vaults
    /// `policies.jsonl`
    case policies
    /// `sync.jsonl`
    case sync
    /// `alerts.jsonl` and `acks.jsonl`
    case alerts
    /// `events.jsonl` and `jobs.jsonl`
    case activity

    func holds(_ file: StoreFile) -> Bool {
        switch self {
        case .vaults: return file == .vaults
        case .policies: return file == .policies
        case .sync: return file == .sync
        case .alerts: return file == .alerts || file == .acks
        case .activity: return file == .events || file == .jobs
        }
    }
}

/// What a command reads of the recovery points.
public enum PointsReading: Sendable, Equatable {
    case none
    /// Each vault's count, bytes and newest point, from the points files' summaries.
    case counts
    /// The same, and each resource's newest counted point (what the guardrail checks need).
    case summaries
    /// Every point of these vaults (their files read whole, and a store's from before schema 3
    /// named after their names), nothing of the others.
    case of(vaults: [VaultKey])
}

/// What `Store.read` gave: the state of the parts read, and each vault's points summary.
public struct StoreOverview: Sendable {
    public var state: AccountState
    /// By vault: what its points file's summary says, or what reading the file gave when the
    /// summary is missing or not current. Empty unless counts or summaries were asked for.
    public var points: [VaultKey: PointsSummary] = [:]
    public var problems: [StoreProblem] = []
}

extension Store {
    /// Reads only `parts`, and of the points what `points` asks: a command reads what it prints
    /// (`vaultwatch vaults` the vaults file and each points file's summary, not a million points).
    /// A summary is believed only while it is of its points file as it is; otherwise the file is
    /// read, so the answer is the one reading everything gives. Like `loadAccount()`, a torn last
    /// line is left where it is, and a newer schema throws. `alerts` says how much of each alert
    /// is made (all of it unless told).
    public func read(_ parts: Set<StorePart>, points: PointsReading, alerts: AlertReading = .whole) throws -> StoreOverview {
        var overview = StoreOverview(state: AccountState())
        let files = try StoreFile.all(in: root)
        for file in files where !file.isPoints && parts.contains(where: { $0.holds(file) }) {
            guard let handle = try OpenFile.openLocked(file.relativePath, in: root, for: .read, .shared) else { continue }
            // Each record goes straight into the state, in file order; an alerts file holds alerts,
            // and an acknowledgements file acknowledgements (of about as many alerts), one a line,
            // so room is made for about as many as it has lines.
            let batch = try LineReader.read(
                chunksOf: handle, of: file, in: root, decoder: RecordDecoder(), alerts: alerts,
                expecting: { lines in
                    if file == .alerts { overview.state.reserveCapacity(alerts: lines) }
                    if file == .acks { overview.state.reserveCapacity(acknowledgements: lines) }
                }
            ) { overview.state.apply($0) }
            overview.problems += batch.problems
        }
        switch points {
        case .none:
            break
        case .of(let vaults):
            try readPoints(of: vaults, into: &overview)
        case .counts, .summaries:
            for file in files where file.isPoints {
                guard let handle = try OpenFile.openLocked(file.relativePath, in: root, for: .read, .shared) else { continue }
                let size = try handle.status().size
                if let summary = try currentSummary(of: file, through: handle, size: size, recency: points == .summaries) {
                    // Made without knowing where legacy lines' vaults are: resolved now.
                    for (key, vaultSummary) in summary.vaults {
                        let vault = overview.state.resolve(key)
                        overview.points[vault] = vaultSummary
                        if points == .summaries { overview.state.installSummary(vaultSummary, vault: vault) }
                    }
                } else {
                    try readPoints(file, through: handle, size: size, into: &overview)
                }
            }
        }
        return overview
    }

    /// Reads every point of `vaults` into `overview` (their files whole, and a store's from before
    /// schema 3 named after their names), nothing of the others: for a command that learnt from
    /// the vaults file which vault it lists.
    public func readPoints(of vaults: [VaultKey], into overview: inout StoreOverview) throws {
        let wanted = Set(vaults.flatMap { [StoreFile.points(vault: $0), StoreFile.points(vault: .legacy($0.name))] })
        for file in try StoreFile.all(in: root) where wanted.contains(file) { try readPoints(file, into: &overview) }
    }

    /// The summary of `file` when it is of the file as it is (its complete lines); nil when there
    /// is none, or it is of other content. Without `recency`, only its header is decoded.
    private func currentSummary(
        of file: StoreFile, through handle: borrowing OpenFile, size: Int, recency: Bool
    ) throws(StoreError) -> PointsFileSummary? {
        let summary: PointsFileSummary
        if recency {
            guard let bytes = try SummaryCoverage.read(file.summaryRelativePath, in: root), let whole = PointsFileSummary.decode(bytes) else {
                return nil
            }
            summary = whole
        } else {
            guard let bytes = try SummaryCoverage.read(file.summaryRelativePath, in: root), let header = PointsFileSummary.header(of: bytes)
            else { return nil }
            summary = PointsFileSummary(
                bytes: header.bytes, lastLine: header.lastLine, arns: header.arns,
                vaults: header.totals.mapValues { PointsSummary(points: $0.points, bytes: $0.bytes, newest: $0.newest) })
        }
        guard try SummaryCoverage.covers(summary.bytes, summary.lastLine, handle, size: size, exactly: false) else {
            return nil
        }
        return summary
    }

    private func readPoints(_ file: StoreFile, into overview: inout StoreOverview) throws(StoreError) {
        guard let handle = try OpenFile.openLocked(file.relativePath, in: root, for: .read, .shared) else { return }
        try readPoints(file, through: handle, size: try handle.status().size, into: &overview)
    }

    /// Reads a points file whole into the overview's state, and says its vaults' summaries.
    private func readPoints(
        _ file: StoreFile, through handle: borrowing OpenFile, size: Int, into overview: inout StoreOverview
    ) throws(StoreError) {
        var load = PointsLoad(home: overview.state.home)
        _ = try PointsReader.read(handle, size: size, of: file, in: root, into: &load)
        overview.problems += load.problems
        overview.state.apply(load)
        for key in load.lists.keys {
            let vault = overview.state.resolve(key)
            overview.points[vault] = overview.state.points(in: vault).summary
        }
    }
}
