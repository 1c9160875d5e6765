import Foundation

/// A strict JSON reader over bytes that hands back one value at a time, for pages read field by
/// field (a thousand recovery points at a time) without building a tree of Foundation objects.
/// Any valid JSON reads; anything else throws with the offset.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let what: String
        var description: String { "not valid JSON at byte \(offset): \(what)" }
    }

    func fail(_ what: String) -> Failure { Failure(offset: at, what: what) }

    mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    /// Consumes `byte` (after white space) when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws {
        guard take(byte) else { throw fail("expected \(Character(UnicodeScalar(byte)))") }
    }

    /// Walks an object's members: `body` reads (or skips) each value after its key.
    mutating func object(_ body: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Walks an array's elements.
    mutating func array(_ body: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat { try body(&self) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 {
            at += 1
        }
        guard at < bytes.count else { throw fail("unterminated string") }
        if bytes[at] == UInt8(ascii: "\"") {
            defer { at += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        }
        var out = Array(bytes[start..<at])
        while true {
            guard at < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard take(UInt8(ascii: "\\")), at < bytes.count, bytes[at] == UInt8(ascii: "u") else {
                            throw fail("lone surrogate")
                        }
                        at += 1
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("bad surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw fail("bad escape")
                }
            case 0..<0x20:
                throw fail("control character in a string")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[at]
            at += 1
            let digit: UInt8
            switch c {
            case 48...57: digit = c - 48
            case 65...70: digit = c - 55
            case 97...102: digit = c - 87
            default: throw fail("bad hex digit")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    mutating func number() throws -> Double {
        skipSpace()
        let start = at
        var negative = false
        if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
            negative = true
            at += 1
        }
        var whole: UInt64 = 0
        var digits = 0
        while at < bytes.count, bytes[at] >= 48, bytes[at] <= 57, digits < 18 {
            whole = whole * 10 + UInt64(bytes[at] - 48)
            digits += 1
            at += 1
        }
        var fraction: UInt64 = 0
        var scale = 1.0
        var simple = digits > 0 && digits < 18
        if simple, at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            var fractionDigits = 0
            while at < bytes.count, bytes[at] >= 48, bytes[at] <= 57 {
                if fractionDigits < 9 {
                    fraction = fraction * 10 + UInt64(bytes[at] - 48)
                    scale *= 10
                } else {
                    simple = false
                }
                fractionDigits += 1
                at += 1
            }
            if fractionDigits == 0 { throw fail("expected a digit after the decimal point") }
        }
        if simple, at < bytes.count, [UInt8(ascii: "e"), UInt8(ascii: "E"), 48, 49, 50, 51, 52, 53, 54, 55, 56, 57].contains(bytes[at]) {
            simple = false
        }
        if simple {
            let value = Double(whole) + Double(fraction) / scale
            return negative ? -value : value
        }
        // Long or exponent forms: the standard library's parser over the whole token.
        at = start
        while at < bytes.count, let c = Optional(bytes[at]),
            (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
        {
            at += 1
        }
        guard at > start,
            let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self))
        else { throw fail("expected a number") }
        return value
    }

    mutating func integer() throws -> Int64 {
        let value = try number()
        guard value == value.rounded(), abs(value) < 9.2e18 else { throw fail("expected a whole number") }
        return Int64(value)
    }

    mutating func bool() throws -> Bool {
        skipSpace()
        if matches("true") { return true }
        if matches("false") { return false }
        throw fail("expected true or false")
    }

    /// Reads `null` when it is next.
    mutating func null() -> Bool {
        skipSpace()
        return matches("null")
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        for i in 0..<count where bytes[at + i] != word.utf8Start[i] { return false }
        at += count
        return true
    }

    /// Skips any one value.
    mutating func skipValue() throws {
        skipSpace()
        guard at < bytes.count else { throw fail("expected a value") }
        switch bytes[at] {
        case UInt8(ascii: "{"): try object { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "["): try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): if !null() { throw fail("expected null") }
        default: _ = try number()
        }
    }

    /// Nothing but white space is left.
    mutating func end() throws {
        skipSpace()
        guard at == bytes.count else { throw fail("trailing bytes") }
    }
}
