import SystemCrypto
import Testing

/// HMAC-SHA256 against RFC 4231 §4.2–4.8 (test case 5 is truncated to 128 bits by the RFC).
@Suite("HMAC-SHA256 vectors (RFC 4231)")
struct HMACVectorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: [UInt8]
        let data: [UInt8]
        let mac: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    static let largeKey = [UInt8](repeating: 0xAA, count: 131)
    static let cases: [Case] = [
        Case(number: 1, key: .init(repeating: 0x0B, count: 20), data: Array("Hi There".utf8),
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(number: 3, key: .init(repeating: 0xAA, count: 20), data: .init(repeating: 0xDD, count: 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(number: 4, key: Array(1...25), data: .init(repeating: 0xCD, count: 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(number: 5, key: .init(repeating: 0x0C, count: 20), data: Array("Test With Truncation".utf8),
            mac: "a3b6167473100ee06e0c796c2955552b"),
        Case(number: 6, key: largeKey, data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(
            number: 7, key: largeKey,
            data: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. The key needs to"
                    + " be hashed before being used by the HMAC algorithm.").utf8),
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("each case's code, and the same code kept as a derived key", arguments: cases)
    func rfc4231(_ vector: Case) {
        let key = SecretBytes.copying(vector.key)
        let code = HMACSHA256.authenticationCode(for: vector.data, key: key)
        #expect(code.count == 32)
        #expect(Hex.text(code).hasPrefix(vector.mac))
        let derived = HMACSHA256.derivedKey(for: vector.data, key: key)
        #expect(derived.withUnsafeBytes { Array($0) } == code)
    }

    @Test("an empty key and an empty message are HMAC's, not an error")
    func empty() {
        // Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
        #expect(
            Hex.text(HMACSHA256.authenticationCode(for: [UInt8](), key: SecretBytes.copying([UInt8]())))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
