import Foundation

/// Reads TOML (v1.0) into tables: key/value pairs with bare, quoted and dotted keys, `[tables]`,
/// `[[arrays of tables]]`, basic, literal and multi-line strings with escapes, integers (decimal,
/// hex, octal, binary, with `_`), floats (with `inf`/`nan`), booleans, arrays (over several lines,
/// trailing comma, comments) and inline tables. Dates and times are refused with a clear line:
/// vaultwatch's settings never take one. Every error names the line and column.
///
/// A few hundred lines of Swift instead of a dependency: TOMLKit wraps toml++, a C++ library whose
/// one translation unit costs ~30 CPU-seconds of the newcomer's first build (measured here).
public struct TOMLParser {
    private let bytes: [UInt8]
    private var at = 0
    private var line = 1
    private var lineStart = 0
    /// Arrays and inline tables open around the value being read.
    private var depth = 0
    /// How deep arrays and inline tables may nest: a config file needs two or three levels, and a
    /// value 10,000 brackets deep exhausted the stack (found by the independent attack).
    static let maximumDepth = 64

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Document

    /// Where the next key/value pairs go: a path of keys from the root; `arrayIndex` is set when
    /// the last key is an array of tables (its last element).
    private struct Cursor {
        var path: [String] = []
    }

    private mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var current: [String] = []
        /// Tables defined by a header, so defining one twice is refused.
        var defined: Set<[String]> = []
        /// Paths made implicitly by dotted keys (they cannot get a header later).
        while true {
            skipWhitespaceAndComments()
            guard let c = peek() else { break }
            if c == ascii("\n") || c == ascii("\r") {
                try newline()
                continue
            }
            if c == ascii("[") {
                let headerLine = line
                advance()
                let isArray = peek() == ascii("[")
                if isArray { advance() }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                try expect("]")
                if isArray { try expect("]") }
                try endOfLine()
                if isArray {
                    try appendTable(at: path, in: &root, line: headerLine)
                } else {
                    guard defined.insert(path).inserted else {
                        throw TOMLError(line: headerLine, column: 1, "table [\(path.joined(separator: "."))] is defined twice")
                    }
                    try defineTable(at: path, in: &root, line: headerLine)
                }
                current = path
                continue
            }
            let keyLine = line
            let keyColumn = column
            let key = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try endOfLine()
            try insert(value, at: key, under: current, in: &root, line: keyLine, column: keyColumn)
        }
        return root
    }

    /// Adds `value` at `key` (dotted) inside the table at `base`.
    private func insert(
        _ value: TOMLValue, at key: [String], under base: [String], in root: inout TOMLTable, line: Int, column: Int
    ) throws(TOMLError) {
        try modifyTable(at: base, in: &root, line: line) { (table: inout TOMLTable) throws(TOMLError) in
            try Self.put(value, at: key[...], in: &table, line: line, column: column)
        }
    }

    private static func put(_ value: TOMLValue, at key: ArraySlice<String>, in table: inout TOMLTable, line: Int, column: Int)
        throws(TOMLError)
    {
        let first = key.first!
        if key.count == 1 {
            guard table[first] == nil else {
                throw TOMLError(line: line, column: column, "\"\(first)\" is set twice (first on line \(table[first]!.line))")
            }
            table.set(first, TOMLTable.Entry(value: value, line: line))
            return
        }
        var inner: TOMLTable
        switch table[first]?.value {
        case nil: inner = TOMLTable(line: line)
        case .table(let existing)?: inner = existing
        case let other?:
            throw TOMLError(line: line, column: column, "\"\(first)\" is already \(other.kindName), not a table")
        }
        try put(value, at: key.dropFirst(), in: &inner, line: line, column: column)
        table.set(first, TOMLTable.Entry(value: .table(inner), line: table[first]?.line ?? line))
    }

    private func defineTable(at path: [String], in root: inout TOMLTable, line: Int) throws(TOMLError) {
        try modifyTable(at: path, in: &root, line: line) { (_: inout TOMLTable) throws(TOMLError) in }
    }

    private func appendTable(at path: [String], in root: inout TOMLTable, line: Int) throws(TOMLError) {
        try modifyTable(at: Array(path.dropLast()), in: &root, line: line) { (parent: inout TOMLTable) throws(TOMLError) in
            let name = path.last!
            switch parent[name]?.value {
            case nil:
                parent.set(name, TOMLTable.Entry(value: .array([.table(TOMLTable(line: line))]), line: line))
            case .array(var items)?:
                guard items.allSatisfy({ if case .table = $0 { true } else { false } }) else {
                    throw TOMLError(line: line, column: 1, "\"\(name)\" is an array of values, not of tables")
                }
                items.append(.table(TOMLTable(line: line)))
                parent.set(name, TOMLTable.Entry(value: .array(items), line: parent[name]!.line))
            case let other?:
                throw TOMLError(line: line, column: 1, "\"\(name)\" is already \(other.kindName), not an array of tables")
            }
        }
    }

    /// Runs `body` on the table at `path`, creating tables on the way; a path through an array of
    /// tables goes to its last element.
    private func modifyTable(
        at path: [String], in table: inout TOMLTable, line: Int, _ body: (inout TOMLTable) throws(TOMLError) -> Void
    ) throws(TOMLError) {
        guard let first = path.first else { return try body(&table) }
        let rest = Array(path.dropFirst())
        switch table[first]?.value {
        case nil:
            var inner = TOMLTable(line: line)
            try modifyTable(at: rest, in: &inner, line: line, body)
            table.set(first, TOMLTable.Entry(value: .table(inner), line: line))
        case .table(var inner)?:
            try modifyTable(at: rest, in: &inner, line: line, body)
            table.set(first, TOMLTable.Entry(value: .table(inner), line: table[first]!.line))
        case .array(var items)?:
            guard case .table(var last)? = items.last else {
                throw TOMLError(line: line, column: 1, "\"\(first)\" is an array of values, not of tables")
            }
            try modifyTable(at: rest, in: &last, line: line, body)
            items[items.count - 1] = .table(last)
            table.set(first, TOMLTable.Entry(value: .array(items), line: table[first]!.line))
        case let other?:
            throw TOMLError(line: line, column: 1, "\"\(first)\" is already \(other.kindName), not a table")
        }
    }

    // MARK: - Keys

    private mutating func keyPath() throws(TOMLError) -> [String] {
        var path = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == ascii(".") else { return path }
            advance()
            skipSpaces()
            path.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        switch peek() {
        case ascii("\"")?: return try basicString()
        case ascii("'")?: return try literalString()
        default:
            let start = at
            while let c = peek(), Self.isBare(c) { advance() }
            guard at > start else { throw error("expected a key") }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }
    }

    private static func isBare(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == ascii("_") || c == ascii("-")
    }

    // MARK: - Values

    private mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw error("expected a value") }
        switch c {
        case ascii("\""):
            if starts(with: "\"\"\"") { return .string(try multilineBasicString()) }
            return .string(try basicString())
        case ascii("'"):
            if starts(with: "'''") { return .string(try multilineLiteralString()) }
            return .string(try literalString())
        case ascii("["), ascii("{"):
            guard depth < Self.maximumDepth else {
                throw error("arrays and inline tables nest deeper than \(Self.maximumDepth) levels")
            }
            depth += 1
            defer { depth -= 1 }
            return c == ascii("[") ? try array() : try inlineTable()
        case ascii("t"), ascii("f"):
            if starts(with: "true") { at += 4; return .boolean(true) }
            if starts(with: "false") { at += 5; return .boolean(false) }
            throw error("expected a value (true, false, a number, a string, an array or a table)")
        default:
            return try number()
        }
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        advance()
        var items: [TOMLValue] = []
        while true {
            try skipBlankLines()
            if peek() == ascii("]") {
                advance()
                return .array(items)
            }
            items.append(try value())
            try skipBlankLines()
            if peek() == ascii(",") {
                advance()
                continue
            }
            guard peek() == ascii("]") else { throw error("expected , or ] in the array") }
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        let tableLine = line
        advance()
        var table = TOMLTable(line: tableLine)
        skipSpaces()
        if peek() == ascii("}") {
            advance()
            return .table(table)
        }
        while true {
            skipSpaces()
            let column = self.column
            let key = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try Self.put(value, at: key[...], in: &table, line: line, column: column)
            skipSpaces()
            if peek() == ascii(",") {
                advance()
                continue
            }
            try expect("}")
            return .table(table)
        }
    }

    private mutating func number() throws(TOMLError) -> TOMLValue {
        let start = at
        let column = self.column
        while let c = peek(), c != ascii(","), c != ascii("]"), c != ascii("}"), c != ascii(" "), c != ascii("\t"),
            c != ascii("\n"), c != ascii("\r"), c != ascii("#")
        {
            advance()
        }
        let text = String(decoding: bytes[start..<at], as: UTF8.self)
        guard !text.isEmpty else { throw error("expected a value") }
        if text.contains(":") || (text.count >= 10 && text.dropFirst(4).first == "-" && text.first?.isNumber == true) {
            throw TOMLError(line: line, column: column, "dates and times are not taken here (\(text))")
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if text.hasPrefix("_") || text.hasSuffix("_") || text.contains("__") {
            throw TOMLError(line: line, column: column, "\"\(text)\" is not a number (misplaced _)")
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where plain.hasPrefix(prefix) {
            guard let value = Int64(plain.dropFirst(2), radix: radix) else {
                throw TOMLError(line: line, column: column, "\"\(text)\" is not a number")
            }
            return .integer(value)
        }
        if let value = Int64(plain) {
            let digits = plain.hasPrefix("-") || plain.hasPrefix("+") ? plain.dropFirst() : plain[...]
            if digits.count > 1, digits.hasPrefix("0") {
                throw TOMLError(line: line, column: column, "\"\(text)\": leading zeros are not allowed")
            }
            return .integer(value)
        }
        switch plain {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if plain.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(plain), !plain.hasPrefix("."),
            !plain.hasSuffix(".")
        {
            return .float(value)
        }
        throw TOMLError(line: line, column: column, "\"\(text)\" is not a value (strings need quotes)")
    }

    // MARK: - Strings

    private mutating func basicString() throws(TOMLError) -> String {
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("the string is not closed") }
            switch c {
            case ascii("\""):
                advance()
                return String(decoding: out, as: UTF8.self)
            case ascii("\\"):
                try escape(into: &out)
            case ascii("\n"), ascii("\r"):
                throw error("the string is not closed on its line")
            default:
                if c < 0x20 && c != ascii("\t") || c == 0x7F { throw error("a control character in a string must be escaped") }
                out.append(c)
                advance()
            }
        }
    }

    private mutating func literalString() throws(TOMLError) -> String {
        advance()
        let start = at
        while let c = peek(), c != ascii("'") {
            if c == ascii("\n") || c == ascii("\r") { throw error("the string is not closed on its line") }
            advance()
        }
        guard peek() == ascii("'") else { throw error("the string is not closed") }
        let text = String(decoding: bytes[start..<at], as: UTF8.self)
        advance()
        return text
    }

    private mutating func multilineBasicString() throws(TOMLError) -> String {
        at += 3
        if peek() == ascii("\r") { advance() }
        if peek() == ascii("\n") { try newline() }
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("the string is not closed") }
            if starts(with: "\"\"\"") {
                at += 3
                while peek() == ascii("\""), out.count < Int.max {
                    out.append(ascii("\""))
                    advance()
                }
                return String(decoding: out, as: UTF8.self)
            }
            if c == ascii("\\") {
                // A backslash at the end of a line trims the newline and leading whitespace.
                var look = at + 1
                while look < bytes.count, bytes[look] == ascii(" ") || bytes[look] == ascii("\t") { look += 1 }
                if look < bytes.count, bytes[look] == ascii("\n") || bytes[look] == ascii("\r") {
                    at = look
                    while let w = peek(), w == ascii(" ") || w == ascii("\t") || w == ascii("\n") || w == ascii("\r") {
                        if w == ascii("\n") { try newline() } else { advance() }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if c == ascii("\n") {
                out.append(c)
                try newline()
                continue
            }
            out.append(c)
            advance()
        }
    }

    private mutating func multilineLiteralString() throws(TOMLError) -> String {
        at += 3
        if peek() == ascii("\r") { advance() }
        if peek() == ascii("\n") { try newline() }
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("the string is not closed") }
            if starts(with: "'''") {
                at += 3
                return String(decoding: out, as: UTF8.self)
            }
            out.append(c)
            if c == ascii("\n") { try newline() } else { advance() }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        advance()
        guard let c = peek() else { throw error("the string is not closed") }
        advance()
        switch c {
        case ascii("b"): out.append(0x08)
        case ascii("t"): out.append(0x09)
        case ascii("n"): out.append(0x0A)
        case ascii("f"): out.append(0x0C)
        case ascii("r"): out.append(0x0D)
        case ascii("e"): out.append(0x1B)
        case ascii("\""): out.append(ascii("\""))
        case ascii("\\"): out.append(ascii("\\"))
        case ascii("u"), ascii("U"):
            let count = c == ascii("u") ? 4 : 8
            guard at + count <= bytes.count,
                let scalar = UInt32(String(decoding: bytes[at..<(at + count)], as: UTF8.self), radix: 16)
                    .flatMap(Unicode.Scalar.init)
            else { throw error("\\\(Character(Unicode.Scalar(c))) needs \(count) hex digits of a Unicode scalar") }
            at += count
            out += Array(String(Character(scalar)).utf8)
        default:
            throw error("unknown escape \\\(Character(Unicode.Scalar(c)))")
        }
    }

    // MARK: - Whitespace

    private mutating func skipSpaces() {
        while let c = peek(), c == ascii(" ") || c == ascii("\t") { advance() }
    }

    private mutating func skipWhitespaceAndComments() {
        skipSpaces()
        if peek() == ascii("#") { while let c = peek(), c != ascii("\n") { advance() } }
    }

    /// Inside an array: spaces, comments and newlines.
    private mutating func skipBlankLines() throws(TOMLError) {
        while true {
            skipWhitespaceAndComments()
            guard let c = peek(), c == ascii("\n") || c == ascii("\r") else { return }
            try newline()
        }
    }

    /// After a value or header: only spaces and a comment before the end of the line.
    private mutating func endOfLine() throws(TOMLError) {
        skipWhitespaceAndComments()
        guard let c = peek() else { return }
        guard c == ascii("\n") || c == ascii("\r") else { throw error("expected the end of the line") }
        try newline()
    }

    private mutating func newline() throws(TOMLError) {
        if peek() == ascii("\r") {
            advance()
            guard peek() == ascii("\n") else { throw error("a carriage return must be followed by a newline") }
        }
        advance()
        line += 1
        lineStart = at
    }

    // MARK: - Bytes

    private var column: Int { String(decoding: bytes[lineStart..<min(at, bytes.count)], as: UTF8.self).count + 1 }

    private func peek() -> UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func advance() { at += 1 }

    private func starts(with text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard at + n <= bytes.count else { return false }
        return text.withUTF8Buffer { Array($0) == Array(bytes[at..<(at + n)]) }
    }

    private mutating func expect(_ c: Character) throws(TOMLError) {
        guard let ascii = c.asciiValue, peek() == ascii else { throw error("expected \(c)") }
        advance()
    }

    private func error(_ message: String) -> TOMLError { TOMLError(line: line, column: column, message) }
}

private func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(c.value) }
