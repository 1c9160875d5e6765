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

    /// Where something was read: its line, and the byte offset it starts at. The column is counted
    /// only when an error needs it, so reading a long line stays linear.
    private struct Place {
        var line: Int
        var lineStart: Int
        var offset: Int
    }

    private mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var current: [String] = []
        /// Tables defined by a header, so defining one twice is refused.
        var defined: Set<[String]> = []
        /// The lines of the `[[headers]]` that began an array of tables: an array whose entry was
        /// set on one of them takes more tables; an array written with `=` does not (TOML 1.0).
        var arrayHeaderLines: Set<Int> = []
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
                    try appendTable(at: path, in: &root, line: headerLine, arrayHeaderLines: arrayHeaderLines)
                    arrayHeaderLines.insert(headerLine)
                } else {
                    guard defined.insert(path).inserted else {
                        throw TOMLError(line: headerLine, column: 1, "table [\(path.joined(separator: "."))] is defined twice")
                    }
                    try modifyTable(at: path[...], in: &root, line: headerLine) { (_: inout TOMLTable) throws(TOMLError) in }
                }
                current = path
                continue
            }
            let keyPlace = place
            let key = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try endOfLine()
            try modifyTable(at: current[...], in: &root, line: keyPlace.line) { (table: inout TOMLTable) throws(TOMLError) in
                try put(value, at: key[...], in: &table, place: keyPlace)
            }
        }
        return root
    }

    /// Sets `value` at `key` (dotted) inside `table`, creating the tables a dotted key names.
    private func put(_ value: TOMLValue, at key: ArraySlice<String>, in table: inout TOMLTable, place: Place) throws(TOMLError) {
        let first = key.first!
        if key.count == 1 {
            if let earlier = table[first] {
                throw error("\"\(first)\" is set twice (first on line \(earlier.line))", at: place)
            }
            table.set(first, TOMLTable.Entry(value: value, line: place.line))
            return
        }
        try table.modify(first) { (entry: inout TOMLTable.Entry?) throws(TOMLError) in
            if entry == nil { entry = TOMLTable.Entry(value: .table(TOMLTable(line: place.line)), line: place.line) }
            let isTable = try entry!.value.modifyTable { (inner: inout TOMLTable) throws(TOMLError) in
                try put(value, at: key.dropFirst(), in: &inner, place: place)
            }
            guard isTable else {
                throw error("\"\(first)\" is already \(entry!.value.kindName), not a table", at: place)
            }
        }
    }

    /// Adds a table to the array of tables at `path` (`[[path]]`), starting the array if it is new.
    private func appendTable(at path: [String], in root: inout TOMLTable, line: Int, arrayHeaderLines: Set<Int>)
        throws(TOMLError)
    {
        let name = path.last!
        try modifyTable(at: path.dropLast(), in: &root, line: line) { (parent: inout TOMLTable) throws(TOMLError) in
            try parent.modify(name) { (entry: inout TOMLTable.Entry?) throws(TOMLError) in
                guard let entryLine = entry?.line else {
                    entry = TOMLTable.Entry(value: .array([.table(TOMLTable(line: line))]), line: line)
                    return
                }
                if arrayHeaderLines.contains(entryLine),
                    try entry!.value.modifyArray({ (items: inout [TOMLValue]) in items.append(.table(TOMLTable(line: line))) })
                {
                    return
                }
                if case .array = entry!.value {
                    throw TOMLError(
                        line: line, column: 1, "\"\(name)\" is an array set with = on line \(entryLine), not an array of tables")
                }
                throw TOMLError(line: line, column: 1, "\"\(name)\" is already \(entry!.value.kindName), not an array of tables")
            }
        }
    }

    /// Runs `body` on the table at `path`, creating tables on the way; a path through an array of
    /// tables goes to its last element. Every step changes the value where it is stored: a copy of
    /// the array of tables on each step made 20,000 `[[account]]` tables take minutes.
    private func modifyTable(
        at path: ArraySlice<String>, in table: inout TOMLTable, line: Int, _ body: (inout TOMLTable) throws(TOMLError) -> Void
    ) throws(TOMLError) {
        guard let first = path.first else { return try body(&table) }
        let rest = path.dropFirst()
        try table.modify(first) { (entry: inout TOMLTable.Entry?) throws(TOMLError) in
            if entry == nil { entry = TOMLTable.Entry(value: .table(TOMLTable(line: line)), line: line) }
            func descend(_ inner: inout TOMLTable) throws(TOMLError) { try modifyTable(at: rest, in: &inner, line: line, body) }
            if try entry!.value.modifyTable(descend) { return }
            var lastIsTable = false
            let isArray = try entry!.value.modifyArray { (items: inout [TOMLValue]) throws(TOMLError) in
                guard !items.isEmpty else { return }
                lastIsTable = try items[items.count - 1].modifyTable(descend)
            }
            if lastIsTable { return }
            if isArray { throw TOMLError(line: line, column: 1, "\"\(first)\" is an array of values, not of tables") }
            throw TOMLError(line: line, column: 1, "\"\(first)\" is already \(entry!.value.kindName), not a table")
        }
    }

    // MARK: - Keys

    private mutating func keyPath() throws(TOMLError) -> [String] {
        var path = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == ascii(".") else { return path }
            // Each part is a table inside the one before it: the same bound as nested values.
            guard depth + path.count < Self.maximumDepth else {
                throw error("a dotted key (with the arrays and inline tables around it) nests deeper than \(Self.maximumDepth) levels")
            }
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
            let keyPlace = place
            let key = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try put(value, at: key[...], in: &table, place: keyPlace)
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
        let start = place
        while let c = peek(), c != ascii(","), c != ascii("]"), c != ascii("}"), c != ascii(" "), c != ascii("\t"),
            c != ascii("\n"), c != ascii("\r"), c != ascii("#")
        {
            advance()
        }
        let text = String(decoding: bytes[start.offset..<at], as: UTF8.self)
        guard !text.isEmpty else { throw error("expected a value") }
        if text.contains(":") || (text.count >= 10 && text.dropFirst(4).first == "-" && text.first?.isNumber == true) {
            throw error("dates and times are not taken here (\(text))", at: start)
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if text.hasPrefix("_") || text.hasSuffix("_") || text.contains("__") {
            throw error("\"\(text)\" is not a number (misplaced _)", at: start)
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where plain.hasPrefix(prefix) {
            guard let value = Int64(plain.dropFirst(2), radix: radix) else {
                throw error("\"\(text)\" is not a number", at: start)
            }
            return .integer(value)
        }
        if let value = Int64(plain) {
            let digits = plain.hasPrefix("-") || plain.hasPrefix("+") ? plain.dropFirst() : plain[...]
            if digits.count > 1, digits.hasPrefix("0") {
                throw error("\"\(text)\": leading zeros are not allowed", at: start)
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
        throw error("\"\(text)\" is not a value (strings need quotes)", at: start)
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

    private var place: Place { Place(line: line, lineStart: lineStart, offset: at) }

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

    private func error(_ message: String) -> TOMLError { error(message, at: place) }

    /// An error at `place`, its column counted in characters from the start of its line.
    private func error(_ message: String, at place: Place) -> TOMLError {
        let column = String(decoding: bytes[place.lineStart..<min(place.offset, bytes.count)], as: UTF8.self).count + 1
        return TOMLError(line: place.line, column: column, message)
    }
}

private func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(c.value) }
