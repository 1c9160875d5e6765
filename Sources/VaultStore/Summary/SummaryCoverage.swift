import Foundation
import VaultCore

/// Whether a summary is of a points file as it is, and what the file's summary is.
enum SummaryCoverage {
    /// Whether the first `bytes` bytes of the file behind `handle` (`size` bytes now) end in a
    /// complete line hashing to `lastLine`, with nothing after them but, unless `exactly`, an
    /// unfinished last line. The caller holds the file's lock.
    static func covers(
        _ bytes: Int, _ lastLine: String, _ handle: borrowing OpenFile, size: Int, exactly: Bool
    ) throws(StoreError) -> Bool {
        guard bytes >= 0, bytes <= size, !exactly || bytes == size else { return false }
        if bytes < size {
            // What follows must be a line still being written, or torn: no newline in it.
            guard size - bytes <= 1 << 16, !(try handle.read(at: bytes, count: size - bytes)).contains(UInt8(ascii: "\n"))
            else { return false }
        }
        guard bytes > 0 else { return lastLine.isEmpty }
        guard try handle.read(at: bytes - 1, count: 1) == [UInt8(ascii: "\n")] else { return false }
        let start = try TornLine.lastNewline(in: handle, before: bytes - 1).map { $0 + 1 } ?? 0
        return ChainHash.of(try handle.read(at: start, count: bytes - 1 - start)[...]) == lastLine
    }

    /// The summary of the complete lines of the file behind `handle` (`size` bytes), as loading
    /// them gives it, and the hashes of its points' ARNs.
    static func compute(
        _ file: StoreFile, through handle: borrowing OpenFile, size: Int, in root: StoreDirectory
    ) throws(StoreError) -> (PointsFileSummary, [UInt64]) {
        var load = PointsLoad()
        let (consumed, _) = try PointsReader.read(handle, size: size, of: file, in: root, into: &load)
        var state = AccountState()
        state.apply(load)
        let lastLine: String
        if consumed > 0 {
            let start = try TornLine.lastNewline(in: handle, before: consumed - 1).map { $0 + 1 } ?? 0
            lastLine = ChainHash.of(try handle.read(at: start, count: consumed - 1 - start)[...])
        } else {
            lastLine = ""
        }
        let hashes = state.pointsByVault.values.flatMap { $0.map { ARNHash.of($0.arn) } }
        return (PointsFileSummary(of: state, bytes: consumed, lastLine: lastLine, arns: hashes.count), hashes)
    }

    /// A companion file's bytes (a summary, ARN hashes), or nil when it does not exist.
    static func read(_ relativePath: String, in root: StoreDirectory) throws(StoreError) -> [UInt8]? {
        guard let handle = try OpenFile.open(relativePath, in: root, for: .read) else { return nil }
        return try handle.readToEnd(from: 0)
    }

    /// What a load that read `file` whole (`consumed` bytes of complete lines, into `load`) finds
    /// wrong with its summary: a summary of that very content whose counts, bytes or newest point
    /// are not the points'. A summary of other content (out of date, none) is no problem: nothing
    /// believes it.
    static func check(
        _ load: PointsLoad, of file: StoreFile, through handle: borrowing OpenFile, size: Int, consumed: Int,
        in root: StoreDirectory
    ) throws(StoreError) -> StoreProblem? {
        guard load.records.isEmpty, let written = try read(file.summaryRelativePath, in: root),
            let header = PointsFileSummary.header(of: written), header.bytes == consumed,
            try covers(header.bytes, header.lastLine, handle, size: size, exactly: false)
        else { return nil }
        // The summary was made without knowing where legacy lines' vaults are: its keys are
        // resolved as the load resolved its lines'.
        typealias Counts = (points: Int, bytes: Int64, newest: Date?)
        var says: [VaultKey: Counts] = [:]
        for t in header.vaults { says[load.resolve(t.key)] = (t.points, t.bytes, t.newest) }
        let held = load.lists.mapValues { (points: $0.count, bytes: $0.totalBytes, newest: $0.newestCreation) as Counts }
        func same(_ a: Counts?, _ b: Counts?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.points == b.points && a.bytes == b.bytes && a.newest == b.newest
        }
        guard let vault = Set(held.keys).union(says.keys).sorted().first(where: { !same(held[$0], says[$0]) }) else {
            return nil
        }
        let summary = says[vault].map { "\($0.points) points of \($0.bytes) bytes" } ?? "no points"
        let holds = held[vault].map { "\($0.points) of \($0.bytes) bytes" } ?? "none"
        return StoreProblem(
            .summary, file: file.summaryRelativePath, line: nil,
            message: "says \(summary) in vault \(Quoted(vault.description)), the points file holds \(holds): commands that read"
                + " summaries would be wrong; `vaultwatch store repair` writes it again")
    }
}
