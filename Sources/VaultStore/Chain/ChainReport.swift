/// What `Store.verify()` found in each chained file (`alerts.jsonl`, `acks.jsonl`).
public struct ChainReport: Sendable, Equatable {
    public var files: [ChainFileReport]

    /// Whether no chain is broken. Unchained lines (written before the chain existed) and an
    /// unfinished last line do not break a chain.
    public var isIntact: Bool { files.allSatisfy { $0.breakage == nil } }

    public init(files: [ChainFileReport]) { self.files = files }
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
    /// The first break, if the chain is broken.
    public var breakage: ChainBreak?

    public init(file: String, lines: Int, unchainedLines: Int = 0, unfinishedBytes: Int = 0, breakage: ChainBreak? = nil) {
        self.file = file
        self.lines = lines
        self.unchainedLines = unchainedLines
        self.unfinishedBytes = unfinishedBytes
        self.breakage = breakage
    }

    /// `alerts.jsonl: hash chain broken at line 17: altered (line 18 holds a different hash of it)`
    /// or `acks.jsonl: intact, 120 lines (the first 3 unchained, written before the chain)`.
    public var description: String {
        if let breakage { return "\(file): \(breakage)" }
        var text = "\(file): intact, \(lines == 0 ? "no lines yet" : lines == 1 ? "1 line" : "\(lines) lines")"
        if unchainedLines > 0 {
            let which = unchainedLines == lines ? "all" : "the first \(unchainedLines)"
            text += " (\(which) unchained, written before the chain)"
        }
        if unfinishedBytes > 0 {
            text += "; an unfinished last line of \(unfinishedBytes) bytes was not checked (the next load sets it aside)"
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

    /// `hash chain broken at line 17: altered (line 18 holds a different hash of it)`
    public var description: String { "hash chain broken at line \(line): \(detail)" }
}
