import Foundation
import SystemCrypto
import Testing

/// SHA-256 against FIPS 180-4's examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf"), and SHA-1's
/// for the AWS CLI's cache names.
@Suite("SHA-256 and SHA-1 vectors")
struct DigestVectorTests {
    @Test(
        "SHA-256: empty, one block, two blocks (448 and 896 bits), a million 'a'",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
            (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ])
    func sha256(message: String, expected: String) {
        #expect(Hex.text(SHA256.hash(message.utf8)) == expected)
    }

    @Test("SHA-256 of the same bytes is the same from an array, a slice, Data, a string's UTF-8 and a lazy sequence")
    func inputForms() {
        let bytes = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        let expected = Hex.bytes("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let framed = [0xFF] + bytes + [0xFF]
        #expect(SHA256.hash(bytes) == expected)
        #expect(SHA256.hash(framed[1..<framed.count - 1]) == expected)
        #expect(SHA256.hash(Data(bytes)) == expected)
        #expect(SHA256.hash(String(decoding: bytes, as: UTF8.self).utf8) == expected)
        #expect(SHA256.hash(bytes.lazy.map { $0 }) == expected)
        #expect(SHA256.hash([UInt8]()[...]) == SHA256.hash(Data()))
    }

    @Test("SHA-1: empty and 'abc' (FIPS 180-4)")
    func sha1() {
        #expect(Hex.text(SHA1.hash("".utf8)) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(Hex.text(SHA1.hash("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}
