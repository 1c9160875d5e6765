import Foundation
import Glibc
import Testing

/// "Read-only commands write", "a symlinked points directory is followed", "store compact ignores a
/// newer-schema line", "random binary floods stderr": the real binary on stores made to provoke them.
@Suite(.serialized) struct ReadOnlyCommandTests {
    static let readers: [[String]] = [
        ["alerts"], ["alerts", "--json"], ["vaults"], ["points"], ["store", "verify"], ["store", "digest", "--export"],
        ["guardrails", "check"],
    ]

    @Test func readingCommandsChangeNothingAndNameTheFix() throws {
        let fixture = try StoreFixture()
        let acks = fixture.file("acks.jsonl")
        try Data(#"{"data":{"alertId":"half"#.utf8).write(to: acks)
        chmod(fixture.store.path, 0o777)
        chmod(fixture.file("alerts.jsonl").path, 0o644)
        let before = fixture.snapshot()
        for args in Self.readers {
            let result = try fixture.run(args)
            #expect(fixture.snapshot() == before, "vaultwatch \(args.joined(separator: " ")) changed the store")
            if args == ["store", "digest", "--export"] { continue }  // prints the digest alone, for keeping elsewhere
            #expect(result.stderr.contains("acks.jsonl: a torn last line of 24 bytes was not read (a writer stopped mid-line); `vaultwatch store repair` sets it aside in acks.jsonl.torn"), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("the store directory is 0777: others can read and change it; fix: chmod -R go-rwx '\(fixture.store.path)'"), "\(args): \(result.stderr)")
        }
        let repaired = try fixture.run(["store", "repair"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stdout.contains("repaired acks.jsonl: set aside 24 bytes of a torn last line in acks.jsonl.torn"), "\(repaired.stdout)")
        #expect(repaired.stdout.contains("repaired alerts.jsonl: narrowed its permissions from 0644 to 0600"), "\(repaired.stdout)")
        #expect(repaired.stderr.contains("narrowed the store directory's permissions from 0777 to 0700"), "\(repaired.stderr)")
        let clean = try fixture.run(["alerts"])
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
    }

    @Test func aSymlinkedPointsFolderIsRefusedAndWhatItNamesIsUntouched() throws {
        let fixture = try StoreFixture()
        let other = fixture.dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        chmod(other.path, 0o755)
        let points = fixture.store.appendingPathComponent("points")
        try FileManager.default.removeItem(at: points)
        try FileManager.default.createSymbolicLink(at: points, withDestinationURL: other)
        for args in [["alerts"], ["sync", "--source", "demo", "--once"], ["store", "compact"]] {
            let result = try fixture.run(args)
            #expect(result.status != 0)
            #expect(result.stderr.contains("refusing \(points.path): it is a symbolic link, and the store follows none"), "\(args): \(result.stderr)")
        }
        var st = stat()
        #expect(lstat(other.path, &st) == 0 && st.st_mode & 0o777 == 0o755)
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path).isEmpty)
    }

    @Test func compactionWithANewerLineAnywhereLeavesTheDiskByteIdentical() throws {
        let fixture = try StoreFixture()
        // A second sync supersedes vault lines, so a compaction would have something to do.
        try Shell.run(try Built.vaultwatch.path, ["sync", "--source", "demo", "--once", "--store", fixture.store.path])
        let handle = try FileHandle(forWritingTo: fixture.file("alerts.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"data":{},"prev":"x","schema":4,"seq":99,"type":"alert"}"# + "\n").utf8))
        try handle.close()
        let before = fixture.snapshot()
        for args in [["store", "compact"], ["store", "repair"], ["store", "digest"], ["ack", "abcd"]] {
            let result = try fixture.run(args)
            #expect(result.status != 0)
            #expect(result.stderr.contains("alerts.jsonl:"), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("was written by a newer vaultwatch (store schema 4; this one reads up to 3)"), "\(args): \(result.stderr)")
            #expect(fixture.snapshot() == before, "vaultwatch \(args.joined(separator: " ")) changed the store")
        }
    }

    @Test func randomBinaryInAStoreFileIsSummedUpNotPoured() throws {
        let fixture = try StoreFixture()
        var random = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 400_000)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &random) }
        let handle = try FileHandle(forWritingTo: fixture.file("alerts.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes) + Data("\n".utf8))
        try handle.close()
        let result = try fixture.run(["alerts"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count <= 201, "\(lines.count) lines on stderr")
        #expect(lines.count > 100, "random bytes hold many newlines, each a bad line")
        #expect(lines.last?.contains("more problems not shown") == true, "\(lines.last ?? "")")
        #expect(lines.last?.contains("malformed lines in alerts.jsonl") == true, "\(lines.last ?? "")")
        #expect(InertOutputTests.offending(result.stderr).isEmpty)
    }

    @Test func aRootOwnedStoreCanStillBeVerifiedByAnotherUser() throws {
        guard geteuid() == 0 else { return }  // only root can act as another user here
        let fixture = try StoreFixture()
        let publicKey = fixture.dir.appendingPathComponent("public.pem")
        try Data(try Shell.run(try Built.vaultwatch.path, ["store", "digest", "--public-key"]).utf8).write(to: publicKey)
        chmod(fixture.dir.path, 0o755)
        chmod(publicKey.path, 0o644)
        _ = try Shell.run("chmod", ["-R", "go+rX", fixture.store.path])
        let before = fixture.snapshot()
        let result = try Shell.outcome(
            "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", try Built.vaultwatch.path, "store", "verify",
                        "--store", fixture.store.path, "--public-key", publicKey.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("digests.jsonl: 2 digests, chained and signed by"), "\(result.stdout)")
        #expect(result.stderr.contains("the store directory belongs to uid 0, not to you (uid 65534)"), "\(result.stderr)")
        #expect(result.stderr.contains("the store directory is 0755: others can read it"), "\(result.stderr)")
        #expect(fixture.snapshot() == before)
    }
}
