import SystemCrypto
import Testing

/// Ed25519 against RFC 8032 §7.1, tests 1–3: the public key derived from the secret key (seed), the
/// signature, its verification, and what must not verify.
@Suite("Ed25519 vectors (RFC 8032)")
struct Ed25519VectorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let number: Int
        let seed: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { "RFC 8032 test \(number)" }
    }

    static let cases: [Case] = [
        Case(
            number: 1, seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        Case(
            number: 2, seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        Case(
            number: 3, seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ]

    @Test("public key from the seed, signature, verification; a changed message or signature fails", arguments: cases)
    func rfc8032(_ vector: Case) throws {
        let key = try Ed25519.PrivateKey(seed: SecretBytes.copying(Hex.bytes(vector.seed)))
        #expect(Hex.text(key.publicKey.raw) == vector.publicKey)
        let message = Hex.bytes(vector.message)
        let signature = try key.signature(for: message)
        #expect(Hex.text(signature) == vector.signature)

        let publicKey = try Ed25519.PublicKey(raw: Hex.bytes(vector.publicKey))
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(Hex.bytes(vector.signature), for: message))
        #expect(!publicKey.isValidSignature(Hex.bytes(vector.signature), for: message + [0]))
        var altered = Hex.bytes(vector.signature)
        altered[10] ^= 0x01
        #expect(!publicKey.isValidSignature(altered, for: message))
        #expect(!publicKey.isValidSignature(altered.prefix(63), for: message))
        #expect(try key.seed().withUnsafeBytes { Array($0) } == Hex.bytes(vector.seed))
    }

    @Test("random keys differ, and each verifies its own signatures only")
    func random() throws {
        let a = try Ed25519.PrivateKey.random()
        let b = try Ed25519.PrivateKey.random()
        #expect(a.publicKey != b.publicKey)
        let message = Array("digest 1 of the store".utf8)
        let signature = try a.signature(for: message)
        #expect(a.publicKey.isValidSignature(signature, for: message))
        #expect(!b.publicKey.isValidSignature(signature, for: message))
    }

    @Test("a seed or public key of the wrong length is refused with its length, never its bytes")
    func wrongLengths() throws {
        let short = [UInt8](repeating: 0x5A, count: 31)
        let seedError = #expect(throws: CryptoError.self) { try Ed25519.PrivateKey(seed: SecretBytes.copying(short)) }
        #expect(seedError?.description == "an Ed25519 private key is 32 bytes, not 31")
        let keyError = #expect(throws: CryptoError.self) { try Ed25519.PublicKey(raw: [UInt8](repeating: 1, count: 33)) }
        #expect(keyError?.description == "an Ed25519 public key is 32 bytes, not 33")
    }

    @Test("a secret's description names its size only")
    func secretDescription() {
        let secret = SecretBytes.copying(Array("AWS4wJalrXUtnFEMI".utf8))
        #expect(secret.description == "17 secret bytes")
        var copy = Array("wJalrXUtnFEMI".utf8)
        SecretBytes.wipe(&copy)
        #expect(copy == [UInt8](repeating: 0, count: 13))
    }
}
