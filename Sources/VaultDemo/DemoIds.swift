import Foundation

/// Deterministic identifiers: the same inputs always give the same CloudTrail event id, job id
/// or recovery point ARN, so a demo run can be replayed and compared.
enum DemoIds {
    /// FNV-1a over the parts (separated by a unit separator), spread by SplitMix64.
    static func hash(_ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 {
                h ^= 0x1F
                h = h &* 0x0000_0100_0000_01b3
            }
            for byte in part.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
        }
        return SplitMix64.mix(h)
    }

    /// A version-4-shaped UUID, lowercase (`6f9c…-…`), as CloudTrail writes event ids.
    static func uuid(_ parts: [String]) -> String {
        let a = hash(parts)
        let b = SplitMix64.mix(a ^ 0x5851_F42D_4C95_7F2D)
        let hi = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let lo = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = hex(hi, digits: 16)
        let l = hex(lo, digits: 16)
        return "\(h.prefix(8))-\(h.dropFirst(8).prefix(4))-\(h.suffix(4))-\(l.prefix(4))-\(l.suffix(12))"
    }

    /// `digits` lowercase hex digits (at most 16) from the hash of `parts`.
    static func hexDigits(_ digits: Int, _ parts: [String]) -> String {
        String(hex(hash(parts), digits: 16).suffix(digits))
    }

    /// A number in `[0, 1)` from the hash of `parts`: noise that does not disturb any generator.
    static func unit(_ parts: [String]) -> Double { Double(hash(parts) >> 11) / Double(UInt64(1) << 53) }

    /// Milliseconds since 1970, the time key used in ids.
    static func millis(_ date: Date) -> String { String(milliseconds(date)) }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
