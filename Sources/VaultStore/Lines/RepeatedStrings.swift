import Glibc

/// The texts the audit files repeat line after line (an action, a vault's name, a rule's, a
/// principal's ARN, an error message), each made into a string once and shared after: a string
/// over 15 bytes is an allocation of its own, and 15,000 alerts each holding their own copy of
/// the same rule name, action and role ARN cost the time to make them, the memory, and a page
/// fault for every 4 KB of it. Remembers the last text seen in each of a fixed number of slots
/// (chosen by the length and the first and last bytes), so it never grows; a text is reused only
/// when its bytes are exactly the remembered string's.
struct RepeatedStrings {
    private static let slotBits = 9
    /// Made at the first text worth remembering: a decoder made for one short line costs nothing.
    private var slots: [String?] = []

    /// `bytes` as a string (invalid UTF-8 repaired, as `String(decoding:as:)` does), the
    /// remembered one when it holds the same bytes.
    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        // Up to 15 bytes a string is held inline, with nothing to share.
        guard bytes.count > 15, let base = bytes.baseAddress else { return String(decoding: bytes, as: UTF8.self) }
        if slots.isEmpty { slots = [String?](repeating: nil, count: 1 << Self.slotBits) }
        let slot = Self.slot(of: bytes, base)
        if var known = slots[slot], known.utf8.count == bytes.count,
            known.withUTF8({ memcmp($0.baseAddress!, base, bytes.count) == 0 })
        {
            return known
        }
        let made = String(decoding: bytes, as: UTF8.self)
        slots[slot] = made
        return made
    }

    /// Mixes the length and the first and last 8 bytes (at least 16 are there).
    private static func slot(of bytes: UnsafeRawBufferPointer, _ base: UnsafeRawPointer) -> Int {
        let first = base.loadUnaligned(as: UInt64.self)
        let last = base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        var h = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ first) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ last) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h >> UInt64(64 - slotBits))
    }
}
