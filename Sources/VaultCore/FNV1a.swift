/// FNV-1a, 64 bits: a stable, dependency-free hash for short identifiers (alert ids from event
/// ids, file names from vault names). Not for security.
public enum FNV1a {
    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    @inlinable public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        let hex = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
