import Foundation
import VaultCore

/// The summary of one points file, `points/<stem>.summary`, kept beside it by every append (see
/// `Store.refreshSummary`): what the commands that list vaults and judge guardrails need of its
/// points (`PointsSummary`, per vault), so they never read the points.
///
/// It says which content it is the summary of: the file's first `bytes` bytes, whose last line
/// has the SHA-256 `lastLine`. A reader trusts it only while the file is exactly that (plus, at
/// most, an unfinished last line), and reads the file itself otherwise, so a summary that a writer
/// could not keep up to date (a crash between the append and the summary, an older vaultwatch)
/// is never believed. Loading the whole store (the dashboard, `vaultwatch points` of every vault)
/// checks each current summary against the points it read and says a wrong one; `store repair`
/// writes it again.
///
/// Two JSON lines: the header with each vault's counts (all `vaultwatch vaults` reads), then each
/// vault's resources and their newest counted point (for the guardrail checks). Beside it,
/// `points/<stem>.arns` holds a 64-bit hash of every recovery point's ARN (`arns` of them count),
/// so an append can tell a new point from a new snapshot of one the file holds without reading it.
struct PointsFileSummary: Equatable, Sendable {
    /// This build's format; a summary of another is not believed (the file is read instead).
    static let format = 1

    struct Header: Codable, Equatable, Sendable {
        var format: Int
        var bytes: Int
        var lastLine: String
        var arns: Int
        var vaults: [Totals]

        /// Each vault's totals by its key.
        var totals: [VaultKey: Totals] { Dictionary(vaults.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// One vault's counts. Its key is written in parts (a legacy key's account and region are
    /// empty), never as one text that a vault's name could make ambiguous.
    struct Totals: Codable, Equatable, Sendable {
        var accountId: String
        var region: String
        var name: String
        var points: Int
        var bytes: Int64
        var newest: Date?

        var key: VaultKey { VaultKey(accountId: accountId, region: region, name: name) }

        init(_ key: VaultKey, _ summary: PointsSummary) {
            accountId = key.accountId
            region = key.region
            name = key.name
            points = summary.points
            bytes = summary.bytes
            newest = summary.newest
        }
    }

    struct Recency: Codable, Equatable, Sendable {
        var accountId: String
        var region: String
        var name: String
        var newestCounted: [String: Date]

        var key: VaultKey { VaultKey(accountId: accountId, region: region, name: name) }
    }

    /// The file's first `bytes` bytes are what it summarizes; the last of their lines hashes to
    /// `lastLine` (empty when `bytes` is 0).
    var bytes: Int
    var lastLine: String
    /// How many hashes of the `.arns` file belong to this content.
    var arns: Int
    var vaults: [VaultKey: PointsSummary]

    init(bytes: Int, lastLine: String, arns: Int, vaults: [VaultKey: PointsSummary]) {
        self.bytes = bytes
        self.lastLine = lastLine
        self.arns = arns
        self.vaults = vaults
    }

    /// The summary of what `state` holds of the points of one file.
    init(of state: AccountState, bytes: Int, lastLine: String, arns: Int) {
        self.init(bytes: bytes, lastLine: lastLine, arns: arns, vaults: state.pointsByVault.mapValues(\.summary))
    }

    var header: Header {
        Header(
            format: Self.format, bytes: bytes, lastLine: lastLine, arns: arns,
            vaults: vaults.sorted { $0.key < $1.key }.map { Totals($0.key, $0.value) })
    }

    // MARK: - As stored

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Dates as `Date` holds them, so the summary says exactly what the points say.
        var out = Array(try encoder.encode(header))
        out.append(UInt8(ascii: "\n"))
        let recency = vaults.sorted { $0.key < $1.key }.map {
            Recency(accountId: $0.key.accountId, region: $0.key.region, name: $0.key.name, newestCounted: $0.value.newestCounted)
        }
        out += try encoder.encode(recency)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The header alone (the first line), or nil when it is not one of this format.
    static func header(of bytes: [UInt8]) -> Header? {
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<end])), header.format == format
        else { return nil }
        return header
    }

    /// The whole summary, or nil when it is not one of this format.
    static func decode(_ bytes: [UInt8]) -> PointsFileSummary? {
        guard let header = header(of: bytes), let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let rest = bytes[(end + 1)...]
        let second = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
        let totals = header.totals
        guard let recency = try? JSONDecoder().decode([Recency].self, from: Data(rest[..<second])),
            totals.count == header.vaults.count, recency.count == totals.count,
            Set(recency.map(\.key)) == Set(totals.keys)
        else { return nil }
        var vaults: [VaultKey: PointsSummary] = [:]
        for vault in recency {
            guard let t = totals[vault.key] else { return nil }
            vaults[vault.key] = PointsSummary(points: t.points, bytes: t.bytes, newest: t.newest, newestCounted: vault.newestCounted)
        }
        return PointsFileSummary(bytes: header.bytes, lastLine: header.lastLine, arns: header.arns, vaults: vaults)
    }
}

extension StoreFile {
    /// A points file's summary, `points/<stem>.summary` (not a `.jsonl`: never read as records).
    var summaryRelativePath: String { String(relativePath.dropLast(StoreFile.suffix.count)) + ".summary" }

    /// The hashes of a points file's ARNs, `points/<stem>.arns`.
    var arnsRelativePath: String { String(relativePath.dropLast(StoreFile.suffix.count)) + ".arns" }
}

/// The 64-bit hash an ARN has in a `.arns` file (FNV-1a: stable across processes; two ARNs
/// that share one only make an append read the file to tell them apart).
enum ARNHash {
    static func of(_ arn: String) -> UInt64 { FNV1a.hash(arn.utf8) }
}
