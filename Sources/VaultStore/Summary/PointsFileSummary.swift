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
/// Three JSON lines: the header with each vault's counts (what `vaultwatch vaults` needs), each
/// vault's resources and their newest counted point (for the guardrail checks), and a check of
/// the two (`{"check":"<FNV-1a 64 of their bytes, hex>"}`): an append writes the summary over the
/// old one, so one cut short is old and new bytes mixed, and only the check tells. Beside it,
/// `points/<stem>.arns` holds a 64-bit hash of every recovery point's ARN (`arns` of them count),
/// so an append can tell a new point from a new snapshot of one the file holds without reading it.
struct PointsFileSummary: Equatable, Sendable {
    /// This build's format. Format 1 had no check line and is still read (see `verified`); a
    /// summary of any other is not believed (the file is read instead).
    static let format = 2

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

    /// The two lines as `JSONEncoder` would write `header` and the vaults' `Recency` (dates as
    /// `Date` holds them, so the summary says exactly what the points say), written directly: an
    /// append writes its file's summary whole, and Foundation's encoder made that the cost of a
    /// bulk append. Object keys in order except a vault's resources, which need none.
    func encoded() throws -> [UInt8] {
        let sorted = vaults.sorted { $0.key < $1.key }
        var out: [UInt8] = []
        out.reserveCapacity(256 + sorted.reduce(0) { $0 + 120 * $1.value.newestCounted.count })
        out += #"{"arns":"#.utf8
        out += String(arns).utf8
        out += #","bytes":"#.utf8
        out += String(bytes).utf8
        out += #","format":"#.utf8
        out += String(Self.format).utf8
        out += #","lastLine":"#.utf8
        PointLineEncoder.string(lastLine, into: &out)
        out += #","vaults":["#.utf8
        for (index, (key, summary)) in sorted.enumerated() {
            out += (index == 0 ? #"{"accountId":"# : #",{"accountId":"#).utf8
            PointLineEncoder.string(key.accountId, into: &out)
            out += #","bytes":"#.utf8
            out += String(summary.bytes).utf8
            out += #","name":"#.utf8
            PointLineEncoder.string(key.name, into: &out)
            if let newest = summary.newest {
                out += #","newest":"#.utf8
                try Self.number(newest, into: &out)
            }
            out += #","points":"#.utf8
            out += String(summary.points).utf8
            out += #","region":"#.utf8
            PointLineEncoder.string(key.region, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += "]}\n[".utf8
        for (index, (key, summary)) in sorted.enumerated() {
            out += (index == 0 ? #"{"accountId":"# : #",{"accountId":"#).utf8
            PointLineEncoder.string(key.accountId, into: &out)
            out += #","name":"#.utf8
            PointLineEncoder.string(key.name, into: &out)
            out += #","newestCounted":{"#.utf8
            var first = true
            for (arn, date) in summary.newestCounted {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                PointLineEncoder.string(arn, into: &out)
                out.append(UInt8(ascii: ":"))
                try Self.number(date, into: &out)
            }
            out += #"},"region":"#.utf8
            PointLineEncoder.string(key.region, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += "]\n".utf8
        out += Self.checkLine(of: out[...])
        return out
    }

    /// The third line: what the first two must hash to.
    private static func checkLine(of lines: ArraySlice<UInt8>) -> [UInt8] {
        let hash = FNV1a.hash(lines)
        let hex = String(hash, radix: 16)
        return Array(#"{"check":""#.utf8) + Array(repeating: UInt8(ascii: "0"), count: 16 - hex.utf8.count) + Array(hex.utf8)
            + Array("\"}\n".utf8)
    }

    /// The summary's first two lines when its third is their check (what follows it, left by a
    /// longer summary written before, is no part of it), or when it is of format 1, which had no
    /// check: the writers of that format wrote a summary whole into a new file renamed into place,
    /// never over another. Nil when it is torn or mixed.
    ///
    /// A format-1 summary that a writer of this format was overwriting when it stopped reads as
    /// format 1 only when the old bytes hold from the format on, so its last line is the old one's:
    /// a summary of an earlier state of the file, which coverage does not believe.
    static func verified(_ bytes: [UInt8]) -> (lines: ArraySlice<UInt8>, header: Header)? {
        guard let first = bytes.firstIndex(of: UInt8(ascii: "\n")),
            let second = bytes[(first + 1)...].firstIndex(of: UInt8(ascii: "\n")),
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<first]))
        else { return nil }
        let lines = bytes[...second]
        if header.format == Self.uncheckedFormat { return (lines, header) }
        let check = checkLine(of: lines)
        guard header.format == format, bytes.count >= second + 1 + check.count,
            bytes[(second + 1)..<(second + 1 + check.count)].elementsEqual(check)
        else { return nil }
        return (lines, header)
    }

    /// The format before check lines.
    static let uncheckedFormat = 1

    /// A date as `JSONEncoder` writes it by default: its seconds since 2001 as a JSON number
    /// (Swift's shortest text that reads back as the same `Double`).
    private static func number(_ date: Date, into out: inout [UInt8]) throws {
        let seconds = date.timeIntervalSinceReferenceDate
        guard seconds.isFinite else {
            throw EncodingError.invalidValue(date, .init(codingPath: [], debugDescription: "a date that is no finite number"))
        }
        out += seconds.description.utf8
    }

    /// The header alone (the first line), or nil when the summary is not whole (see `verified`).
    static func header(of bytes: [UInt8]) -> Header? {
        verified(bytes)?.header
    }

    /// The whole summary, or nil when it is not whole (see `verified`).
    static func decode(_ bytes: [UInt8]) -> PointsFileSummary? {
        guard let (lines, header) = verified(bytes), let end = lines.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let rest = lines[(end + 1)...].dropLast()
        let totals = header.totals
        guard let recency = try? JSONDecoder().decode([Recency].self, from: Data(rest)),
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
