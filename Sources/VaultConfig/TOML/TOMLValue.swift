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
