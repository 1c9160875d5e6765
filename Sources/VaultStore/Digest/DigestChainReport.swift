import Foundation
import VaultCore

/// What `Store.verify()` found in `digests.jsonl`: how many digests, whether they form a chain and
/// are signed by the trusted key, and the newest.
public struct DigestChainReport: Sendable, Equatable, CustomStringConvertible {
    /// Complete digest lines.
    public var count = 0
    /// The newest digest read (the file's last), nil when there is none.
    public var newest: Digest?
    /// The key the signatures were checked with, and where it came from.
    public var key: DigestPublicKey?
    public var keySource = ""
    /// What is wrong, if anything: an unreadable or unchained digest, a bad signature, another
    /// key, no key to check with, no digest at all where there are lines to cover.
    public var fault: String?
    /// Bytes after the last newline, not checked.
    public var unfinishedBytes = 0

    public init() {}

    /// `digests.jsonl: 17 digests, chained and signed by ed25519:1a2b… (…), the newest of 2026-11-25 10:12:38 UTC`
    public var description: String {
        if let fault { return "digests.jsonl: \(fault)" }
        guard let newest, let key else { return "digests.jsonl: no digests yet, and no lines to cover" }
        var text =
            "digests.jsonl: \(count == 1 ? "1 digest" : "\(count) digests"), chained and signed by \(key.fingerprint)"
            + " (\(keySource)), the newest of \(UTC.second(newest.at)) UTC"
        if unfinishedBytes > 0 { text += "; an unfinished last line of \(unfinishedBytes) bytes was not checked" }
        return text
    }
}

/// Whether every acknowledgement names an alert the store holds, and every alert a call that
/// agrees with it.
public struct ReferenceReport: Sendable, Equatable, CustomStringConvertible {
    public var acknowledgements = 0
    public var alerts = 0
    /// The first few that name nothing, as `acks.jsonl:7: acknowledges alert … which alerts.jsonl does not hold`.
    public var dangling: [String] = []
    /// How many name nothing, in all.
    public var danglingCount = 0

    public static let shown = 5

    public init() {}

    public var isIntact: Bool { danglingCount == 0 }

    public var description: String {
        guard danglingCount > 0 else {
            return "references: each of \(acknowledgements) acknowledgement\(acknowledgements == 1 ? "" : "s") names an alert"
                + " alerts.jsonl holds, each of \(alerts) alert\(alerts == 1 ? "" : "s") a call events.jsonl holds and agrees with it"
        }
        var text = "references: \(danglingCount) do\(danglingCount == 1 ? "es" : "") not agree with what the store holds: "
            + dangling.joined(separator: "; ")
        if danglingCount > dangling.count { text += "; and \(danglingCount - dangling.count) more" }
        return text
    }
}

/// How the store stands against a digest kept elsewhere (`store verify --digest FILE`): a store
/// rewritten whole, its digests included, no longer matches it.
public struct KeptDigestReport: Sendable, Equatable, CustomStringConvertible {
    public var digest: Digest
    public var faults: [String] = []

    public init(digest: Digest) { self.digest = digest }

    public var description: String {
        let name = "kept digest \(digest.seq) of \(UTC.second(digest.at)) UTC"
        guard faults.isEmpty else { return "\(name): " + faults.joined(separator: "; ") }
        return "\(name): signed by the trusted key, and the store holds every line it vouches for and the digest itself"
    }
}
