import Foundation
import Glibc
import Testing

/// The command line's rough edges, as the real binary meets them: options that contradict each
/// other, a negative number where a positive one belongs, and a file option given something that
/// is not a file. Each is one line beginning `vaultwatch: ` that says what is wrong, never a hang.
@Suite struct CommandLineEdgeTests {
    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let outcome = try Shell.outcome(try Built.vaultwatch.path, arguments)
        return ((outcome.status >> 8) & 0xff, outcome.stderr)
    }

    static let bothNameTheStore = "--store and --profile both name the store: give one of them"

    /// Where `--profile` only names a store, giving `--store` too is refused (the store silently
    /// won). In `sync` and `watch` the profile is also the AWS CLI profile, so both may be given.
    @Test(arguments: [
        (["alerts", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["vaults", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["points", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["ack", "a1", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["store", "verify", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["store", "digest", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["store", "repair", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["store", "compact", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["guardrails", "check", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["demo", "--store", "/nonexistent/s", "--profile", "demo"], bothNameTheStore),
        (["store", "digest", "--export", "--public-key"],
         "--export prints the newest digest and --public-key the key: give one of them"),
        (["guardrails", "check", "--demo", "--profile", "prod"],
         "--demo reads the demo's store and --profile another one: give one of them"),
        (["watch", "--read-only", "--by", "sam"], "--read-only refuses acknowledging, so --by would name nobody: give one of them"),
        (["demo", "--speed", "-5"], "--speed must be more than 0 and at most 1000000 (got -5.0)"),
        (["sync", "--source", "demo", "--once", "--speed", "-0.5"], "--speed must be more than 0 and at most 1000000 (got -0.5)"),
        (["emulate", "--port", "-3"], "--port must be 0 to 65535 (got -3)"),
    ] as [([String], String)])
    func conflictingOrNegativeOptionsAreOneLine(_ arguments: [String], _ message: String) throws {
        let outcome = try run(arguments)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("vaultwatch: ") } == ["vaultwatch: \(message)"], "\(outcome.stderr)")
        #expect(lines.count == 2 && lines.last?.hasPrefix("Usage: ") == true, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/s"))
    }

    /// A pattern, event, digest or key that is not a file says what it is: /dev/zero is not read
    /// for ever (it said "You don't have permission"), a named pipe nobody writes to does not hang,
    /// /dev/null and an empty file are empty (it said "cannot be read").
    @Test func aFileOptionGivenSomethingThatIsNotAFileSaysWhatItIs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vw-notafile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let empty = dir.appendingPathComponent("empty.json").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let event = dir.appendingPathComponent("event.json").path
        try Data(#"{"id":"1","account":"1","source":"aws.backup","time":"t","region":"r","resources":[],"detail-type":"d"}"#.utf8)
            .write(to: URL(fileURLWithPath: event))
        let pattern = dir.appendingPathComponent("pattern.json").path
        try Data(#"{"source":["aws.backup"]}"#.utf8).write(to: URL(fileURLWithPath: pattern))

        let cases: [([String], Int32, String)] = [
            (["rule", "test", "--pattern", "/dev/zero", "--event", event], 2, "/dev/zero is a character device, not a file"),
            (["rule", "test", "--pattern", fifo, "--event", event], 2, "\(fifo) is a named pipe nothing was written to"),
            (["rule", "test", "--pattern", dir.path, "--event", event], 2, "\(dir.path) is a directory, not a file"),
            (["rule", "test", "--pattern", "/dev/null", "--event", event], 2, "/dev/null is empty"),
            (["rule", "test", "--pattern", empty, "--event", event], 2, "\(empty) is empty"),
            (["rule", "test", "--pattern", pattern, "--event", "/dev/zero"], 2, "/dev/zero is a character device, not a file"),
            (["rule", "test", "--pattern", pattern, "--events", dir.path], 2, "\(dir.path) is a directory, not a file"),
            (["policy", "simulate", "--action", "backup:DeleteRecoveryPoint", "--caller-arn",
              "arn:aws:sts::111122223333:assumed-role/Dev/s", "--resource-arn",
              "arn:aws:backup:us-east-1:111122223333:backup-vault:v", "--vault-policy", dir.path], 3,
             "\(dir.path) is a directory, not a file"),
        ]
        for (arguments, status, message) in cases {
            let outcome = try run(arguments)
            #expect(outcome.status == status, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr == "vaultwatch: \(message)\n", "\(arguments)")
        }
    }

    /// `store verify --digest` and `--public-key`, and `alerts --rule`, given /dev/null, /dev/zero, a
    /// named pipe or a directory, against a real store.
    @Test func aKeptDigestKeyOrRuleThatIsNotAFileSaysWhatItIs() throws {
        let fixture = try StoreFixture()
        let fifo = fixture.dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases = [
            (["store", "verify", "--digest", "/dev/null"], "/dev/null is empty"),
            (["store", "verify", "--digest", "/dev/zero"], "/dev/zero is a character device, not a file"),
            (["store", "verify", "--digest", fixture.dir.path], "\(fixture.dir.path) is a directory, not a file"),
            (["store", "verify", "--public-key", fifo], "\(fifo) is a named pipe nothing was written to"),
            (["alerts", "--rule", "/dev/zero"], "/dev/zero is a character device, not a file"),
        ]
        for (arguments, message) in cases {
            let outcome = try fixture.run(arguments)
            #expect(outcome.status >> 8 == 1, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr == "vaultwatch: \(message)\n", "\(arguments)")
        }
        // A pattern through a pipe with a writer (bash's `<(…)`) is still read.
        let piped = try Shell.outcome("bash", ["-c", "\(Shell.quote(try Built.vaultwatch.path)) rule test --pattern <(echo '{\"source\":[\"aws.backup\"]}') --event <(echo '{\"id\":\"1\",\"account\":\"1\",\"source\":\"aws.backup\",\"time\":\"t\",\"region\":\"r\",\"resources\":[],\"detail-type\":\"d\"}')"])
        #expect(piped.status == 0 && piped.stdout == "true\n", "\(piped.stderr)")
    }
}
