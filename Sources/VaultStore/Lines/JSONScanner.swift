/// A strict JSON tokenizer over one line's bytes, for the loaders' fast paths. It accepts only
/// what RFC 8259 (and so Foundation's decoder) accepts, and says nil as soon as anything is not
/// exactly what it expects: the caller then hands the line to `RecordDecoder`, whose answer is
/// the reference. Strings are validated UTF-8; escapes (surrogate pairs included) are decoded
/// into a scratch buffer, and strings without them are left where they are in the line.
struct JSONScanner {
    /// A string value: bytes of the line, or (when it had escapes) of the scratch buffer.
    struct Text {
        var start: Int
        var count: Int
        var inScratch: Bool

        func bytes(line: UnsafeRawBufferPointer, scratch: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: (inScratch ? scratch : line)[start..<(start + count)])
        }
    }

    let line: UnsafeRawBufferPointer
    private(set) var i = 0

    init(_ line: UnsafeRawBufferPointer) {
        self.line = line
    }

    var atEnd: Bool { i == line.count }

    @inline(__always) mutating func skipSpace() {
        while i < line.count {
            switch line[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// After any whitespace: the next byte, not consumed.
    @inline(__always) mutating func peek() -> UInt8? {
        skipSpace()
        return i < line.count ? line[i] : nil
    }

    /// After any whitespace: consumes `byte` if it is next.
    @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        i += 1
        return true
    }

    /// Consumes `word` (`true`, `false`, `null`) if it is next.
    mutating func take(_ word: StaticString) -> Bool {
        skipSpace()
        let n = word.utf8CodeUnitCount
        guard i + n <= line.count else { return false }
        for k in 0..<n where line[i + k] != word.utf8Start[k] { return false }
        // A literal must end there: `nullx` is no literal.
        if i + n < line.count, Self.isWordByte(line[i + n]) { return false }
        i += n
        return true
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D
            || b == 0x2B
    }

    mutating func bool() -> Bool? {
        if take("true") { return true }
        if take("false") { return false }
        return nil
    }

    /// An integer written plainly (`-?(0|[1-9][0-9]*)`) that fits in 64 bits; nil for anything
    /// else, fractions and exponents included.
    mutating func integer() -> Int64? {
        skipSpace()
        let negative = i < line.count && line[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var magnitude: UInt64 = 0
        while i < line.count, line[i] >= 0x30 && line[i] <= 0x39 {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(line[i] - 0x30))
            guard !o1 && !o2 else { return nil }
            magnitude = a
            i += 1
        }
        let digits = i - start
        guard digits > 0, !(digits > 1 && line[start] == 0x30) else { return nil }
        if i < line.count, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E") {
            return nil
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A string; nil when the next value is not one, or is not valid (a raw control character,
    /// a bad escape, a lone surrogate, invalid UTF-8).
    mutating func string(scratch: inout [UInt8]) -> Text? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < line.count {
            // Sixteen bytes at a time, then (within sixteen of the end, where the first stops
            // even without finding one) eight, while none of them needs a look: no quote,
            // backslash, control character or non-ASCII byte.
            i = Self.plainRun(line, from: i)
            if line.count &- i < 16 {
                while i + 8 <= line.count {
                    let special = Self.special(line.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    if special != 0 {
                        i += special.trailingZeroBitCount / 8
                        break
                    }
                    i += 8
                }
            }
            guard i < line.count else { break }
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return Text(start: start, count: i - 1 - start, inScratch: false)
            }
            if b == UInt8(ascii: "\\") { return escapedString(from: start, scratch: &scratch) }
            if b < 0x20 { return nil }
            if b < 0x80 {
                i += 1
            } else {
                guard let n = Self.utf8Length(line, at: i) else { return nil }
                i += n
            }
        }
        return nil
    }

    /// Where the run of bytes from `start` that need no look (no quote, backslash, control
    /// character or non-ASCII byte) ends, sixteen at a time: at the first byte that does, or
    /// where fewer than sixteen bytes are left.
    @inline(__always) static func plainRun(_ line: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = line.baseAddress else { return start }
        var i = start
        // Made here, not kept as statics: a static is reached through a lazy initializer's check.
        let quotes = SIMD16<UInt8>(repeating: 0x22)
        let backslashes = SIMD16<UInt8>(repeating: 0x5C)
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        let highs = SIMD16<UInt8>(repeating: 0x80)
        while line.count &- i >= 16 {
            let v = (base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let special = (v .== quotes) .| (v .== backslashes) .| (v .< spaces) .| (v .>= highs)
            let words = unsafeBitCast(special, to: SIMD2<UInt64>.self)
            if words[0] != 0 { return i &+ words[0].trailingZeroBitCount / 8 }
            if words[1] != 0 { return i &+ 8 &+ words[1].trailingZeroBitCount / 8 }
            i &+= 16
        }
        return i
    }

    /// A high bit set in the byte of `word` (little-endian) that is a quote, a backslash, a
    /// control character or not ASCII; the lowest set bit marks the first such byte exactly.
    @inline(__always) static func special(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let quote = zeroByte(word ^ (ones &* 0x22))
        let backslash = zeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control | (word & highs)
    }

    /// The rest of a string that has escapes, decoded into `scratch`.
    private mutating func escapedString(from start: Int, scratch: inout [UInt8]) -> Text? {
        let begin = scratch.count
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[start..<i]))
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return Text(start: begin, count: scratch.count - begin, inScratch: true)
            }
            if b < 0x20 { return nil }
            if b >= 0x80 {
                guard let n = Self.utf8Length(line, at: i) else { return nil }
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[i..<(i + n)]))
                i += n
                continue
            }
            i += 1
            guard b == UInt8(ascii: "\\") else {
                scratch.append(b)
                continue
            }
            guard i < line.count else { return nil }
            let e = line[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                var scalar = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    guard i + 1 < line.count, line[i] == UInt8(ascii: "\\"), line[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    return nil
                }
                Self.appendUTF8(scalar, to: &scratch)
            default:
                return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt16? {
        guard i + 4 <= line.count else { return nil }
        var v: UInt16 = 0
        for _ in 0..<4 {
            let c = line[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence of a non-ASCII byte at `i`, or nil
    /// (overlong forms, surrogates and values past U+10FFFF are not well-formed).
    static func utf8Length(_ b: UnsafeRawBufferPointer, at i: Int) -> Int? {
        let lead = b[i]
        let n: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: n = 3
        case 0xED: n = 3; high = 0x9F
        case 0xF0: n = 4; low = 0x90
        case 0xF1...0xF3: n = 4
        case 0xF4: n = 4; high = 0x8F
        default: return nil
        }
        guard i + n <= b.count else { return nil }
        guard b[i + 1] >= low && b[i + 1] <= high else { return nil }
        for k in 2..<max(n, 2) where b[i + k] < 0x80 || b[i + k] > 0xBF { return nil }
        return n
    }
}
