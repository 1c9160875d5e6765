import Foundation
import Testing

@testable import VaultStore

/// A store and digest key written by swift-crypto (Fixtures/SwiftCryptoStore, see its README), read
/// by the code on the system's libcrypto: the on-disk formats did not move by a byte.
@Suite("A store written by swift-crypto")
struct SwiftCryptoStoreTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SwiftCryptoStore")
    static let chained = ["events.jsonl", "alerts.jsonl", "acks.jsonl", "digests.jsonl"]

    /// The fixture copied as a store keeps it: 0700 folder, 0600 files (git keeps neither).
    static func copy(to dir: borrowing TemporaryDirectory) throws -> URL {
        try FileManager.default.createDirectory(at: dir.store, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in chained + ["digest-key.pem"] {
            let target = name == "digest-key.pem" ? dir.url.appendingPathComponent(name) : dir.file(name)
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: target)
            chmod(target.path, 0o600)
        }
        return dir.url.appendingPathComponent("digest-key.pem")
    }

    @Test("its key loads, is the public key swift-crypto printed, and is written back byte for byte")
    func key() throws {
        let dir = TemporaryDirectory()
        let file = try Self.copy(to: dir)
        let loaded = try DigestKey.load(at: file)
        let key = try #require(loaded)
        let printed = try String(contentsOf: Self.fixture.appendingPathComponent("public-key.pem"), encoding: .utf8)
        #expect(key.publicKey.pem == printed)
        #expect(try DigestPublicKey(text: printed) == key.publicKey)
        #expect(key.publicKey.fingerprint == "ed25519:ba86e46fa7bded9a")
        #expect(try key.pemBytes() == Array(try Data(contentsOf: file)))
    }

    @Test("every chain hash and digest signature verifies, and each digest signed again is the same bytes")
    func store() throws {
        let dir = TemporaryDirectory()
        let loaded = try DigestKey.load(at: try Self.copy(to: dir))
        let key = try #require(loaded)
        let report: ChainReport = try Store(readingFrom: dir.store).verify(trusting: key.publicKey, keySource: "fixture")
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.digests.count == 3)
        #expect(report.files.map { $0.coverage?.lines } == [32, 4, 1])

        let lines = try String(contentsOf: dir.file("digests.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let digest = try Digest.parse(Array(line.utf8)[...]).get()
            #expect(key.publicKey.isValidSignature(digest.signature, for: digest.signedMessage))
            #expect(try key.sign(digest.signedMessage) == digest.signature, "digest \(digest.seq)")
        }
    }
}
