import Foundation
import Glibc
import Testing

/// The real binary on a store damaged as the independent attack damaged it: reading commands
/// say what the digests no longer vouch for, writing commands refuse with one line and write
/// nothing, `store repair` says what it cannot put right, and a lost signing key is never
/// silently replaced.
@Suite(.serialized) struct DamagedStoreTests {
    @Test func acknowledgementsTakenAwayAreSaidAndNothingIsWrittenOnTop() throws {
        let fixture = try StoreFixture()
        let ids = try fixture.alertIds()
        #expect(try fixture.run(["ack", ids[0], "--by", "alice"]).status == 0)
        try FileManager.default.removeItem(at: fixture.file("acks.jsonl"))
        let before = fixture.snapshot()

        let listed = try fixture.run(["alerts"])
        #expect(listed.status == 0)
        #expect(
            listed.stderr.hasPrefix("vaultwatch: acks.jsonl: it is gone, but digest ")
                && listed.stderr.contains(" vouches for 1 line of it: what is shown may lack or misstate what was recorded"),
            "\(listed.stderr)")

        let ack = try fixture.run(["ack", ids[1], "--by", "bob"])
        #expect(ack.status >> 8 == 1)
        #expect(ack.stdout.isEmpty)
        let lines = ack.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, the refusal: \(ack.stderr)")
        #expect(lines.last?.hasPrefix("vaultwatch: will not write to the store: \(fixture.file("acks.jsonl").path): it is gone") == true)
        #expect(lines.last?.hasSuffix("nothing was written (`vaultwatch store verify --store '\(fixture.store.path)'` names what is wrong)") == true)
        #expect(fixture.snapshot() == before)

        let repair = try fixture.run(["store", "repair"])
        #expect(repair.status >> 8 == 1)
        #expect(repair.stderr.contains("vaultwatch: cannot be repaired here: acks.jsonl: "), "\(repair.stderr)")
        #expect(repair.stderr.contains("restore the files from a copy, or start a new digest chain on purpose"), "\(repair.stderr)")
        #expect(fixture.snapshot() == before)
    }

    @Test func aDigestFileThatIsNotAFileStopsAcknowledgementsAndRepair() throws {
        let fixture = try StoreFixture()
        let id = try #require(try fixture.alertIds().first)
        try FileManager.default.removeItem(at: fixture.file("digests.jsonl"))
        #expect(mkfifo(fixture.file("digests.jsonl").path, 0o600) == 0)
        let refusal = "vaultwatch: cannot open \(fixture.file("digests.jsonl").path): it is a FIFO, not a regular file (move it aside)\n"
        let ack = try fixture.run(["ack", id, "--by", "alice"])
        #expect(ack.status >> 8 == 1)
        #expect(ack.stderr.hasSuffix(refusal), "\(ack.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.file("acks.jsonl").path))
        let repair = try fixture.run(["store", "repair"])
        #expect(repair.status >> 8 == 1)
        #expect(repair.stderr == refusal, "\(repair.stderr)")
    }

    @Test func aTornLastDigestFailsVerifyAndIsSetAsideByRepair() throws {
        let fixture = try StoreFixture()
        let digests = try Data(contentsOf: fixture.file("digests.jsonl"))
        try digests.dropLast(40).write(to: fixture.file("digests.jsonl"))
        let verify = try fixture.run(["store", "verify"])
        #expect(verify.status >> 8 == 1)
        #expect(verify.stdout.contains("digests.jsonl: its last line is an unfinished digest ("), "\(verify.stdout)")
        #expect(try fixture.run(["ack", fixture.alertIds()[0], "--by", "mallory"]).status >> 8 == 1, "writers refuse until repaired")
        let repair = try fixture.run(["store", "repair"])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.hasPrefix("repaired digests.jsonl: set aside "), "\(repair.stdout)")
        // This machine signed the digest that was torn: the store no longer holds it, and verify says
        // so until a digest is signed on purpose (a digest torn by a crash was never recorded as signed).
        let after = try fixture.run(["store", "verify"])
        #expect(after.status >> 8 == 1)
        #expect(after.stdout.contains("digests.jsonl: this machine signed digest "), "\(after.stdout)")
        #expect(try fixture.run(["store", "digest"]).status == 0)
        #expect(try fixture.run(["store", "verify"]).status == 0)
    }

    @Test func aLostSigningKeyIsNotReplacedOverTheStoresDigests() throws {
        let fixture = try StoreFixture()
        let id = try #require(try fixture.alertIds().first)
        let elsewhere = fixture.dir.appendingPathComponent("fresh-config")
        let key = elsewhere.appendingPathComponent("vaultwatch/digest-key.pem")
        let vaultwatch = try Built.vaultwatch.path
        let ack = try Shell.outcome(
            "env", ["XDG_CONFIG_HOME=\(elsewhere.path)", vaultwatch, "ack", id, "--by", "alice", "--store", fixture.store.path])
        #expect(ack.status >> 8 == 1)
        #expect(ack.stderr.hasPrefix("vaultwatch: no digest signing key at \(key.path), but the store's digests (the newest, "), "\(ack.stderr)")
        #expect(ack.stderr.contains("put that key back (from where you keep a copy); or, to start a new digest chain on purpose, move"))
        #expect(!FileManager.default.fileExists(atPath: key.path), "no new key was made")
        #expect(!FileManager.default.fileExists(atPath: fixture.file("acks.jsonl").path))
    }
}
