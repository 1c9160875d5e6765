/// Something wrong found while reading the store that did not stop it (a line that was skipped, a
/// torn last line, a file that had to be read again, a mode others can use), or a repair a writing
/// command made. Shown to the operator.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A complete line that could not be read; it was skipped and the rest loaded.
        case malformedLine
        /// An unterminated last line (a writer stopped mid-line) moved to the `.torn` side file.
        case tornLine
        /// A file that was replaced, shrank or vanished under a tail, which then read it anew.
        case fileChanged
        /// A mode or an owner that is not as the store keeps them; the message names the fix.
        case permissions
        /// Something a writing command changed to put the store right (a torn line set aside, a
        /// looser mode narrowed): said, never silent.
        case repaired
        /// A digest that could not be signed (what was appended is stored all the same).
        case digest
        /// A points file's summary that could not be kept up to date, or that does not say what
        /// the file holds: commands read the points file itself instead; the message names the fix.
        case summary
    }

    public var kind: Kind
    /// The file, relative to the store directory: `alerts.jsonl`, `points/prod.jsonl`.
    public var file: String
    /// The 1-based line number, when the problem is about one line.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int?, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `alerts.jsonl:17: unknown record type "foo"`; about the store directory itself (`.`), the message alone.
    public var description: String {
        if file == "." && line == nil { return message }
        return line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
