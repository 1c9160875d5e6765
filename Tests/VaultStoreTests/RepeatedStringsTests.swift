import Testing

@testable import VaultStore

/// `RepeatedStrings`: a text seen again is the string made the first time (one allocation shared),
/// and every text, whatever slot it shares, comes back as `String(decoding:as:)` makes it.
@Suite("Repeated texts made into strings once")
struct RepeatedStringsTests {
    private static func string(_ text: [UInt8], _ repeated: inout RepeatedStrings) -> String {
        text.withUnsafeBytes { repeated.string($0) }
    }

    private static func storage(_ s: String) -> UnsafeRawPointer? {
        var s = s
        return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("a text seen again shares the first string's storage")
    func shared() {
        var repeated = RepeatedStrings()
        let rule = Array("vaultwatch-default (seeds' rule + root and IAM users)".utf8)
        let first = Self.string(rule, &repeated)
        let again = Self.string(rule, &repeated)
        #expect(first == again)
        #expect(Self.storage(first) == Self.storage(again))
    }

    @Test("every text comes back as String(decoding:) makes it: short, invalid UTF-8, neighbours in one slot")
    func exact() {
        var repeated = RepeatedStrings()
        var texts: [[UInt8]] = [
            [], Array("short".utf8), Array("exactly 15 byte".utf8), Array("exactly 16 bytes".utf8),
            // Invalid UTF-8: repaired, and never mistaken for the bytes it was made from.
            Array("arn:aws:iam::1:role/Admin".utf8) + [0xFF, 0xFE] + Array("xxxxxxxx".utf8),
            Array("arn:aws:iam::1:role/Admin".utf8) + [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD] + Array("xxxxxxxx".utf8),
        ]
        // The same length, first and last 8 bytes: one slot, different texts.
        for middle in ["AAAA", "BBBB", "AAAB"] { texts.append(Array("arn:aws:sts::12\(middle)3:assumed-role/x".utf8)) }
        for round in 0..<3 {
            for text in (round == 1 ? texts.reversed() : texts) {
                let made = Self.string(text, &repeated)
                #expect(made == String(decoding: text, as: UTF8.self))
                #expect(Array(made.utf8) == Array(String(decoding: text, as: UTF8.self).utf8))
            }
        }
    }
}
