import Foundation

/// A cursor over one line for `WrittenPointLine`: it reads a line laid out exactly as vaultwatch
/// writes it, literal by literal, and says false or nil as soon as a byte is not what that layout
/// holds, having read nothing past the line. Texts are read only when they need no unescaping:
/// no backslash, no control character, and well-formed UTF-8 (as `JSONScanner` checks it).
struct LayoutCursor {
    private let base: UnsafeRawPointer
    private let end: Int
    private(set) var i = 0

    init(_ line: UnsafeRawBufferPointer) {
        // An empty line has no base address; any pointer does, since nothing is read from it.
        base = line.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        end = line.count
    }

    var atEnd: Bool { i == end }

    /// Consumes `text` if the line continues with exactly it.
    @inline(__always) mutating func take(_ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard end - i >= n else { return false }
        let a = base + i
        let b = UnsafeRawPointer(text.utf8Start)
        if n >= 8 {
            // Eight bytes at a time, the last eight overlapping the ones before.
            var k = 0
            while k + 8 < n {
                guard a.loadUnaligned(fromByteOffset: k, as: UInt64.self) == b.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                else { return false }
                k += 8
            }
            guard a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            else { return false }
        } else {
            for k in 0..<n where a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) {
                return false
            }
        }
        i += n
        return true
    }

    /// Whether the line continues with `text` (nothing is consumed).
    @inline(__always) func next(is text: StaticString) -> Bool {
        var probe = self
        return probe.take(text)
    }

    /// The rest of a string whose opening quote was just consumed, up to its closing quote (which
    /// is consumed too); nil when it has an escape or a control character, is not well-formed
    /// UTF-8, or does not end on this line.
    @inline(__always) mutating func text() -> UnsafeRawBufferPointer? {
        let start = i
        while true {
            i = JSONScanner.plainRun(UnsafeRawBufferPointer(start: base, count: end), from: i)
            guard i < end else { return nil }
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b == 0x22 {
                i += 1
                return UnsafeRawBufferPointer(start: base + start, count: i - 1 - start)
            }
            if b == 0x5C || b < 0x20 { return nil }
            if b < 0x80 {
                i += 1
            } else {
                guard let n = JSONScanner.utf8Length(UnsafeRawBufferPointer(start: base, count: end), at: i) else {
                    return nil
                }
                i += n
            }
        }
    }

    /// An integer written as `RecordEncoder` writes one (`-?(0|[1-9][0-9]*)`, at most 18 digits,
    /// so it cannot overflow) and not followed by a fraction or an exponent; nil otherwise (a
    /// longer one is left to the general decoder). Eight digits at a time.
    @inline(__always) mutating func integer() -> Int64? {
        var k = i
        let negative = k < end && base.load(fromByteOffset: k, as: UInt8.self) == 0x2D
        if negative { k &+= 1 }
        let first = k
        var value: Int64 = 0
        while end &- k >= 8 {
            let w = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let n = Self.leadingDigits(w)
            if n > 0 { value = value &* Self.power(of: n) &+ Self.digits(w, count: n) }
            k &+= n
            if n < 8 { break }
        }
        if end &- k < 8 {
            // The last few bytes of the line, one at a time.
            while k < end {
                let d = base.load(fromByteOffset: k, as: UInt8.self) &- 0x30
                guard d <= 9 else { break }
                value = value &* 10 &+ Int64(d)
                k &+= 1
            }
        }
        let digits = k &- first
        guard digits > 0, digits <= 18, digits == 1 || base.load(fromByteOffset: first, as: UInt8.self) != 0x30 else {
            return nil
        }
        if k < end {
            let b = base.load(fromByteOffset: k, as: UInt8.self)
            guard b != 0x2E, b | 0x20 != 0x65 else { return nil }
        }
        i = k
        return negative ? -value : value
    }

    /// How many of the eight bytes of `w` (the first in the low byte) are ASCII digits before
    /// the first that is not.
    @inline(__always) private static func leadingDigits(_ w: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // High bit set in each byte from 0x30 to 0x39 (for bytes below 0x80; others are not digits).
        let low = w & (ones &* 0x7F)
        let digit = ((ones &* (127 + 0x3A) &- low) & ~w & (low &+ ones &* (127 - 0x2F))) & highs
        let other = ~digit & highs
        return other == 0 ? 8 : other.trailingZeroBitCount / 8
    }

    /// The value of the first `count` (1…8) digits of `w`.
    @inline(__always) private static func digits(_ w: UInt64, count: Int) -> Int64 {
        // Digit values, moved to the high end so the unused low bytes read as leading zeros.
        var v = (w & 0x0F0F_0F0F_0F0F_0F0F) << UInt64(64 &- 8 &* count)
        v = (v &* 2561) >> 8 & 0x00FF_00FF_00FF_00FF
        v = (v &* 6_553_601) >> 16 & 0x0000_FFFF_0000_FFFF
        v = (v &* 42_949_672_960_001) >> 32
        return Int64(v)
    }

    /// 10 to the `n` (1…8).
    @inline(__always) private static func power(of n: Int) -> Int64 {
        switch n {
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        default: return 100_000_000
        }
    }

    /// A date string as `StoreDate` writes it (`"2026-11-25T10:12:38.089Z"`, after its opening
    /// quote), with its closing quote; nil for any other form.
    @inline(__always) mutating func date(_ days: inout StoreDate.DayCache) -> Date? {
        guard end - i >= 25, base.load(fromByteOffset: i + 24, as: UInt8.self) == 0x22,
            let date = StoreDate.parseWritten(base + i, days: &days)
        else { return nil }
        i += 25
        return date
    }
}
