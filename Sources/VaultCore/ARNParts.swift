/// A recovery point's ARN as a `PointList` keeps it: the part up to and including its last `:` or
/// `/` (interned: `…:recovery-point:` is shared by every point), and its tail, the point's own part:
/// a canonical lowercase UUID, as AWS Backup names recovery points, packed into 16 bytes, anything
/// else as it is. Packing is exact: unpacking gives back the very same 36 characters.
struct ARNParts {
    var prefix: UnsafeRawBufferPointer
    /// The tail as written.
    var tail: UnsafeRawBufferPointer
    /// The tail packed, when it is a canonical UUID.
    var packed: (UInt64, UInt64)?

    static let uuidLength = 36
    static let packedLength = 16

    /// Cuts `arn`: at once when it ends in a UUID after a `:` or `/` (which a UUID never holds),
    /// else by looking back for the last `:` or `/`.
    @inline(__always) init(_ arn: UnsafeRawBufferPointer) {
        let n = arn.count
        if n >= Self.uuidLength, let packed = Self.pack(UnsafeRawBufferPointer(rebasing: arn[(n - Self.uuidLength)...])),
            n == Self.uuidLength || arn[n - Self.uuidLength - 1] == UInt8(ascii: ":")
                || arn[n - Self.uuidLength - 1] == UInt8(ascii: "/")
        {
            prefix = UnsafeRawBufferPointer(rebasing: arn[..<(n - Self.uuidLength)])
            tail = UnsafeRawBufferPointer(rebasing: arn[(n - Self.uuidLength)...])
            self.packed = packed
            return
        }
        var cut = n
        while cut > 0, arn[cut - 1] != UInt8(ascii: ":"), arn[cut - 1] != UInt8(ascii: "/") { cut -= 1 }
        prefix = UnsafeRawBufferPointer(rebasing: arn[..<cut])
        tail = UnsafeRawBufferPointer(rebasing: arn[cut...])
        packed = nil
    }

    /// The tail as the list stores it (packed or as written), for `body`.
    @inline(__always) func withStoredTail<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard var packed else { return body(tail) }
        return withUnsafeBytes(of: &packed) { body($0) }
    }

    /// The 16 bytes of a canonical lowercase UUID's 32 digits (`8-4-4-4-12`), or nil.
    @inline(__always) static func pack(_ uuid: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        guard uuid.count == uuidLength else { return nil }
        let b = uuid.baseAddress!
        guard b.load(fromByteOffset: 8, as: UInt8.self) == 0x2D, b.load(fromByteOffset: 13, as: UInt8.self) == 0x2D,
            b.load(fromByteOffset: 18, as: UInt8.self) == 0x2D, b.load(fromByteOffset: 23, as: UInt8.self) == 0x2D
        else { return nil }
        func word(_ at: Int) -> UInt64 { b.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
        func half(_ at: Int) -> UInt64 { UInt64(b.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        // The 32 digits as four runs of eight characters.
        guard let a = digits(word(0)), let c = digits(half(9) | half(14) << 32),
            let d = digits(half(19) | half(24) << 32), let e = digits(word(28))
        else { return nil }
        return (a | c << 32, d | e << 32)
    }

    /// Eight lowercase hex digits (the first in the low byte) as four bytes, the first digit
    /// the high nibble of the low byte; nil when one is not a lowercase hex digit.
    @inline(__always) private static func digits(_ w: UInt64) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        guard w & highs == 0 else { return nil }
        // High bit set in each byte strictly between m and n (all bytes below 0x80).
        func between(_ m: UInt64, _ n: UInt64) -> UInt64 {
            let low = w & (ones &* 127)
            return ((ones &* (127 + n) &- low) & ~w & (low &+ ones &* (127 - m))) & highs
        }
        let digit = between(0x2F, 0x3A)
        let letter = between(0x60, 0x67)
        guard digit | letter == highs else { return nil }
        // '0'–'9' are 0x30–0x39, 'a'–'f' 0x61–0x66: the low nibble, plus 9 for a letter.
        let nibbles = (w & (ones &* 0x0F)) &+ (letter >> 7) &* 9
        var t = ((nibbles & 0x000F_000F_000F_000F) << 4) | ((nibbles >> 8) & 0x000F_000F_000F_000F)
        t = (t | t >> 8) & 0x0000_FFFF_0000_FFFF
        return (t | t >> 16) & 0xFFFF_FFFF
    }

    /// The 36 characters of a tail packed by `pack`, written to `out`.
    static func unpack(_ packed: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        let digits: StaticString = "0123456789abcdef"
        var k = 0
        for o in 0..<packedLength {
            if k == 8 || k == 13 || k == 18 || k == 23 {
                out.storeBytes(of: 0x2D, toByteOffset: k, as: UInt8.self)
                k += 1
            }
            let byte = packed.load(fromByteOffset: o, as: UInt8.self)
            out.storeBytes(of: digits.utf8Start[Int(byte >> 4)], toByteOffset: k, as: UInt8.self)
            out.storeBytes(of: digits.utf8Start[Int(byte & 0xF)], toByteOffset: k + 1, as: UInt8.self)
            k += 2
        }
    }
}
