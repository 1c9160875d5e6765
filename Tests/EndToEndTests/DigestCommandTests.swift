import Foundation
import Testing

/// `vaultwatch store digest` and `store verify --digest`: a digest and the public key kept
/// elsewhere catch a store whose tail was cut together with the digest that covered it.
@Suite(.serialized) struct DigestCommandTests {
    @Test func aKeptDigestCatchesWhatTheStoreAloneCannot() throws {
        let fixture = try StoreFixture()
        let id = try #require(try fixture.alertIds().first)
        #expect(try fixture.run(["ack", id, "--by", "alice"]).status == 0)

        let signed = try fixture.run(["store", "digest"])
        #expect(signed.status == 0 && signed.stdout.hasPrefix("signed digest 4 at "), "\(signed.stdout)\(signed.stderr)")
        // As many lines as the demo's first sync wrote (its calls as CloudTrail's first lookup found them).
        func lines(_ name: String) throws -> Int {
            try String(contentsOf: fixture.file(name), encoding: .utf8).split(separator: "\n").count
        }
        let (events, alerts) = (try lines("events.jsonl"), try lines("alerts.jsonl"))
        #expect(events > 1 && alerts > 1)
        #expect(
            signed.stdout.contains("events.jsonl \(events) lines, alerts.jsonl \(alerts) lines, acks.jsonl 1 line"),
            "\(signed.stdout)")

        let kept = fixture.dir.appendingPathComponent("kept-digest.json")
        let exported = try fixture.run(["store", "digest", "--export"])
        try Data(exported.stdout.utf8).write(to: kept)
        #expect(exported.stdout.hasPrefix(#"{"at":""#) && exported.stdout.contains(#""seq":4,"signature":""#), "\(exported.stdout)")
        let publicKey = fixture.dir.appendingPathComponent("public.pem")
        let pem = try fixture.run(["store", "digest", "--public-key"]).stdout
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        try Data(pem.utf8).write(to: publicKey)
        let args = ["store", "verify", "--digest", kept.path, "--public-key", publicKey.path]
        let whole = try fixture.run(args)
        #expect(whole.status == 0, "\(whole.stdout)")
        #expect(whole.stdout.contains("kept digest 4 of "), "\(whole.stdout)")

        // The acknowledgement and every digest since the one before it are taken away.
        func dropLast(_ name: String, _ count: Int) throws {
            let lines = try String(contentsOf: fixture.file(name), encoding: .utf8).split(separator: "\n")
            try Data(lines.dropLast(count).map { $0 + "\n" }.joined().utf8).write(to: fixture.file(name))
        }
        try dropLast("acks.jsonl", 1)
        try dropLast("digests.jsonl", 2)
        // Cut at a digest boundary, the store alone cannot tell; the digest this machine last signed
        // for it, kept beside the key, can.
        let alone = try fixture.run(["store", "verify", "--public-key", publicKey.path])
        #expect(alone.status >> 8 == 1, "\(alone.stdout)")
        #expect(alone.stdout.contains("digests.jsonl: this machine signed digest 4 for this store (as kept beside its signing key), but digests.jsonl no longer holds it"), "\(alone.stdout)")
        let caught = try fixture.run(args)
        #expect(caught.status >> 8 == 1)
        #expect(caught.stdout.contains("acks.jsonl: cut short: the kept digest 4 of "), "\(caught.stdout)")
        #expect(caught.stdout.contains("vouches for 1 line, and the file is empty or gone"), "\(caught.stdout)")
        #expect(caught.stdout.contains("the store's digests (2) do not include it"), "\(caught.stdout)")
    }
}
