import Foundation
import SystemCrypto
import TestSupport
import Testing

/// The same primitives as the `openssl` command sees them: signatures made here verified by
/// `openssl pkeyutl`, and keys and signatures made by `openssl` used here.
@Suite("Agreement with the openssl CLI")
struct OpenSSLCLITests {
    /// PKCS#8 and SubjectPublicKeyInfo DER before the 32 key bytes (RFC 8410).
    static let pkcs8Prefix = Hex.bytes("302e020100300506032b657004220420")
    static let spkiPrefix = Hex.bytes("302a300506032b6570032100")

    @Test("a signature made here verifies with openssl pkeyutl; a changed message does not")
    func verifiedByOpenSSL() throws {
        let folder = try Folder()
        let key = try Ed25519.PrivateKey.random()
        let message = Array("{\"seq\":3,\"files\":[]}".utf8)
        try folder.write(Self.spkiPrefix + key.publicKey.raw, "pub.der")
        try folder.write(message, "message")
        try folder.write(try key.signature(for: message), "signature")
        let verify = ["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", folder.path("pub.der"), "-rawin",
            "-in", folder.path("message"), "-sigfile", folder.path("signature")]
        let verified = try openssl(verify)
        #expect(verified.status == 0 && verified.text.contains("Signature Verified Successfully"), "\(verified.text)")

        try folder.write(message + [0x0A], "message")
        let refused = try openssl(verify)
        #expect(refused.status != 0 && refused.text.contains("Signature Verification Failure"), "\(refused.text)")
    }

    @Test("a key and signature made by openssl: same public key and the same signature here, which verifies")
    func madeByOpenSSL() throws {
        let folder = try Folder()
        #expect(try openssl(["genpkey", "-algorithm", "ed25519", "-outform", "DER", "-out", folder.path("key.der")]).status == 0)
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try folder.write(message, "message")
        let signed = try openssl([
            "pkeyutl", "-sign", "-keyform", "DER", "-inkey", folder.path("key.der"), "-rawin", "-in", folder.path("message"),
            "-out", folder.path("signature"),
        ])
        #expect(signed.status == 0, "\(signed.text)")
        #expect(try openssl(["pkey", "-inform", "DER", "-in", folder.path("key.der"), "-pubout", "-outform", "DER", "-out", folder.path("pub.der")]).status == 0)

        var der = try folder.read("key.der")
        defer { SecretBytes.wipe(&der) }
        #expect(der.count == Self.pkcs8Prefix.count + 32 && der.starts(with: Self.pkcs8Prefix))
        let key = try Ed25519.PrivateKey(seed: SecretBytes.copying(der.suffix(32)))
        let publicDER = try folder.read("pub.der")
        #expect(publicDER.starts(with: Self.spkiPrefix))
        #expect(key.publicKey.raw == Array(publicDER.suffix(32)))

        let signature = try folder.read("signature")
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(try key.signature(for: message) == signature, "Ed25519 signatures are deterministic")
    }

    @Test("SHA-256 and HMAC-SHA256 of the same bytes agree with openssl dgst")
    func digests() throws {
        let folder = try Folder()
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        try folder.write(data, "data")
        let sha = try openssl(["dgst", "-sha256", "-r", folder.path("data")])
        #expect(sha.text.hasPrefix(Hex.text(SHA256.hash(data)) + " "), "\(sha.text)")
        let key = (0..<40).map { UInt8($0) }
        let mac = try openssl(["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:\(Hex.text(key))", "-r", folder.path("data")])
        #expect(mac.text.hasPrefix(Hex.text(HMACSHA256.authenticationCode(for: data, key: SecretBytes.copying(key))) + " "), "\(mac.text)")
    }

    func openssl(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let outcome = try runCommand(["openssl"] + arguments)
        return (outcome.status, outcome.stdout + outcome.stderr)
    }

    /// A temporary folder, removed with the last reference.
    final class Folder {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("systemcrypto-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ bytes: [UInt8], _ name: String) throws { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }
    }
}
