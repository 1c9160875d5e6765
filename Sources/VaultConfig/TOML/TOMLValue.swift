/// A TOML value (the subset vaultwatch's configuration uses: no dates), with the line it was
/// written on, so a setting's error can name the line.
public indirect enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    /// How a value's type reads in an error: "a string", "an array".
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .boolean: return "true or false"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// Runs `body` on the array's items where they are stored; false when this is not an array.
    /// The value is left empty while `body` runs, so the items have one owner and appending to
    /// them does not copy them.
    mutating func modifyArray(_ body: (inout [TOMLValue]) throws(TOMLError) -> Void) throws(TOMLError) -> Bool {
        guard case .array(var items) = self else { return false }
        self = .array([])
        defer { self = .array(items) }
        try body(&items)
        return true
    }

    /// Runs `body` on the table where it is stored; false when this is not a table (see
    /// `modifyArray`).
    mutating func modifyTable(_ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError) -> Bool {
        guard case .table(var table) = self else { return false }
        self = .table(TOMLTable())
        defer { self = .table(table) }
        try body(&table)
        return true
    }
}

/// A TOML table: its keys in the order written, each value with its line.
public struct TOMLTable: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var value: TOMLValue
        public var line: Int
    }

    public private(set) var keys: [String] = []
    private var entries: [String: Entry] = [:]
    /// The line of the table's header (`[guardrails]`), 0 for the document itself.
    public var line: Int

    public init(line: Int = 0) { self.line = line }

    public subscript(key: String) -> Entry? { entries[key] }

    public var isEmpty: Bool { keys.isEmpty }

    mutating func set(_ key: String, _ entry: Entry) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = entry
    }

    /// Runs `body` on the entry at `key` where the table stores it (nil when there is none yet), so
    /// a change to a large value inside does not copy it.
    mutating func modify<R>(_ key: String, _ body: (inout Entry?) throws(TOMLError) -> R) throws(TOMLError) -> R {
        let isNew = entries[key] == nil
        let result = try body(&entries[key])
        if isNew, entries[key] != nil { keys.append(key) }
        return result
    }
}

/// What is wrong with a TOML document, and where: `config.toml:12:5: …`.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
