import VaultCore

/// The part of a points file's name that stands for its vault. Vault names come from outside
/// (a source, or CloudTrail's request parameters), so they are treated as hostile: only
/// `[A-Za-z0-9_-]` and a '.' that is not leading are kept, every other UTF-8 byte becomes `%XX`,
/// and a result over 120 bytes is cut to a prefix plus `~` and a hash of the whole name.
///
/// There is no reverse mapping: every record in a points file carries its vault's name, so the
/// file name only has to be safe and stable. Two names that map to one file (a hash collision,
/// or case folding on a case-insensitive file system) just share it; nothing is lost.
enum VaultFileName {
    static let maximumLength = 120
    private static let prefixLength = 100

    /// A vault's points file stem: `111122223333.us-east-1.WORM_vault`, or the name alone for a
    /// legacy key (the file a store from before schema 3 holds). Account ids are digits and
    /// regions `[a-z0-9-]`, so the two dots tell the parts apart for a reader; nothing depends on
    /// it, every record carrying its whole key.
    static func stem(for vault: VaultKey) -> String {
        vault.isLegacy ? stem(for: vault.name) : stem(for: vault.accountId + "." + vault.region + "." + vault.name)
    }

    static func stem(for vault: String) -> String {
        // A name that is all unsafe bytes still yields something; the empty name gets "%", which
        // no other name produces (every other '%' is followed by two hex digits).
        if vault.isEmpty { return "%" }
        var out: [UInt8] = []
        out.reserveCapacity(vault.utf8.count)
        for (index, byte) in vault.utf8.enumerated() {
            if isKept(byte) || (byte == UInt8(ascii: ".") && index > 0) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
        }
        guard out.count > maximumLength else { return String(decoding: out, as: UTF8.self) }
        var cut = prefixLength
        // Never split a %XX escape.
        if out[cut - 1] == UInt8(ascii: "%") {
            cut -= 1
        } else if out[cut - 2] == UInt8(ascii: "%") {
            cut -= 2
        }
        // '~' is never kept as it is, so a hashed name cannot equal a plain one.
        return String(decoding: out[..<cut], as: UTF8.self) + "~" + hashHex(vault)
    }

    private static func isKept(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : 0x41 + v - 10
    }

    /// 16 hex digits of FNV-1a over the name's UTF-8 bytes.
    private static func hashHex(_ name: String) -> String { FNV1a.hex(name) }
}
