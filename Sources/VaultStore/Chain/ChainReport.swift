import Foundation
import VaultCore

/// What `Store.verify()` found: each chained file's hash chain and what the digests vouch for
/// of it, the digests' own chain and signatures, whether every acknowledgement and alert names
/// something the store holds, and, when given, how the store stands against a digest kept
/// elsewhere.
public struct ChainReport: Sendable, Equatable {
    /// `events.jsonl`, `alerts.jsonl`, `acks.jsonl`, in that order.
    public var files: [ChainFileReport]
    public var digests: DigestChainReport
    public var references: ReferenceReport
    /// The check against a digest kept elsewhere (`store verify --digest FILE`).
    public var kept: KeptDigestReport?

    /// Whether nothing is wrong: no chain broken, every file as the digests vouch, the digests
    /// chained and signed by the trusted key (and there is one when there are lines to cover),
    /// every reference found, and the store as the kept digest vouches. Lines after the newest
    /// digest are not yet covered, which is not a fault; neither are unchained lines (written
    /// before the chain existed) or an unfinished last line.
    public var isIntact: Bool {
        files.allSatisfy { $0.breakage == nil } && digests.fault == nil && references.isIntact
            && (kept?.faults.isEmpty ?? true)
    }

    public init(
        files: [ChainFileReport], digests: DigestChainReport = DigestChainReport(), references: ReferenceReport = ReferenceReport(),
        kept: KeptDigestReport? = nil
    ) {
        self.files = files
        self.digests = digests
        self.references = references
        self.kept = kept
    }

    /// Only what is wrong, one line each (empty when intact).
    public var faults: [String] {
        files.filter { $0.breakage != nil }.map(\.description) + (digests.fault != nil ? [digests.description] : [])
            + (references.isIntact ? [] : [references.description]) + (kept.map { $0.faults.isEmpty ? [] : [$0.description] } ?? [])
    }

    /// What `vaultwatch store verify` prints, one line each.
    public var lines: [String] {
        files.map(\.description) + [digests.description, references.description] + (kept.map { [$0.description] } ?? [])
    }
}

/// Which digest vouches for how much of a file.
public struct DigestCoverage: Sendable, Equatable {
    public var seq: Int
    public var at: Date
    /// The lines it vouches for, from the first.
    public var lines: Int

    public init(seq: Int, at: Date, lines: Int) {
        self.seq = seq
        self.at = at
        self.lines = lines
    }

    /// `digest 17 of 2026-11-25 10:12:38 UTC`
    var name: String { "digest \(seq) of \(UTC.second(at)) UTC" }
}

/// One file's chain.
public struct ChainFileReport: Sendable, Equatable, CustomStringConvertible {
    /// Relative to the store directory: `alerts.jsonl`.
    public var file: String
    /// Complete lines in the file.
    public var lines: Int
    /// Lines at the start of the file without a hash, written before the chain existed
    /// (schema 1). The chain starts after them and vouches for the last of them.
    public var unchainedLines: Int
    /// Bytes after the last newline (a writer mid-line, or one that crashed): not checked.
    public var unfinishedBytes: Int
    /// The first break, if the chain is broken, or the first line that is not as a digest vouches.
    public var breakage: ChainBreak?
    /// What the newest digest vouches for; nil when no digest covers the file.
    public var coverage: DigestCoverage?

    public init(
        file: String, lines: Int, unchainedLines: Int = 0, unfinishedBytes: Int = 0, breakage: ChainBreak? = nil,
        coverage: DigestCoverage? = nil
    ) {
        self.file = file
        self.lines = lines
        self.unchainedLines = unchainedLines
        self.unfinishedBytes = unfinishedBytes
        self.breakage = breakage
        self.coverage = coverage
    }

    /// Lines after the newest digest: not yet vouched for.
    public var uncoveredLines: Int { lines - (coverage?.lines ?? 0) }

    /// `alerts.jsonl: hash chain broken at line 17: altered (line 18 holds a different hash of it)`
    /// or `acks.jsonl: intact, 120 lines (the first 3 unchained, written before the chain)`.
    public var description: String {
        if let breakage { return "\(file): \(breakage)" }
        var text = "\(file): intact, \(lines == 0 ? "no lines yet" : lines == 1 ? "1 line" : "\(lines) lines")"
        if unchainedLines > 0 {
            let which = unchainedLines == lines ? "all" : "the first \(unchainedLines)"
            text += " (\(which) unchained, written before the chain)"
        }
        if let coverage {
            if coverage.lines == 0 {
                text += "; \(coverage.name) vouches that it was empty"
            } else {
                let vouched =
                    coverage.lines == lines ? (lines == 1 ? "its line" : "all \(lines) lines")
                    : coverage.lines == 1 ? "line 1" : "lines 1–\(coverage.lines)"
                text += "; \(coverage.name) vouches for \(vouched)"
            }
            if uncoveredLines > 0 {
                let since = coverage.lines == 0 ? "since" : "after"
                text += ", \(uncoveredLines == 1 ? "the line \(since) is" : "the \(uncoveredLines) lines \(since) are") not yet covered"
            }
        } else if lines > 0 {
            text += "; no digest covers it yet (\(lines == 1 ? "its line is" : "all \(lines) are") not yet covered)"
        }
        if unfinishedBytes > 0 {
            text += "; an unfinished last line of \(unfinishedBytes) bytes was not checked (`vaultwatch store repair` sets it aside)"
        }
        return text
    }
}

/// The first line of a file at fault, and what the break looks like.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The line's bytes changed (or the hash the next line holds of it).
        case altered
        /// Lines before this one were taken out.
        case removed
        /// The line was put in: the chain runs around it.
        case inserted
        /// The line's hash names another line of the file as the one before it.
        case reordered
        /// Lines a digest vouches for are gone from the end of the file (or the file itself).
        case cut
        /// The line is not the one a digest vouches for there: altered, or the chain recomputed after an edit.
        case unvouched
    }

    /// The 1-based line number of the first line at fault.
    public var line: Int
    public var kind: Kind
    /// What was seen, e.g. `2 lines were removed before it (seq jumps from 15 to 18)`.
    public var detail: String

    public init(line: Int, kind: Kind, detail: String) {
        self.line = line
        self.kind = kind
        self.detail = detail
    }

    /// `hash chain broken at line 17: altered (line 18 holds a different hash of it)`, or for a
    /// digest's word: `cut short: …`, `line 12 is not …`.
    public var description: String {
        switch kind {
        case .cut: return "cut short: \(detail)"
        case .unvouched: return "line \(line) \(detail)"
        default: return "hash chain broken at line \(line): \(detail)"
        }
    }
}
