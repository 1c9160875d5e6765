import Foundation
import Testing

/// The feed options as a script meets them: a mistake is one line and a non-zero exit, and an
/// events file given on the command line becomes alerts in the store.
@Suite struct FeedOptionsTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-feed-options-\(UUID().uuidString)")

    /// Where the scratch configuration (and the digest signing key) is.
    var configHome: URL { folder.appendingPathComponent("config") }

    /// `vaultwatch ARGS` with only a scratch HOME and configuration folder (no AWS configuration,
    /// no region, no digest signing key yet).
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let environment = [
            "HOME=\(folder.path)", "PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")", "LANG=C.UTF-8",
            "AWS_EC2_METADATA_DISABLED=true", "XDG_CONFIG_HOME=\(configHome.path)",
        ]
        let outcome = try Shell.outcome("-i", environment + [try Built.vaultwatch.path] + arguments)
        return ((outcome.status >> 8) & 0xff, outcome.stdout, outcome.stderr)
    }

    @Test(arguments: [
        (["sync", "--source", "none"], "--source none syncs nothing: use aws or demo, or name a feed (--sqs-queue-url"),
        (["sync", "--source", "demo", "--events-file", "x.jsonl"], "--source demo runs on simulated time and cannot be combined"),
        (["watch", "--source", "demo", "--cloudtrail"], "--source demo runs on simulated time and cannot be combined"),
        (["sync", "--source", "none", "--sqs-queue-url", "https://sqs.us-east-1.amazonaws.com/alerts", "--once"],
         "does not end in /ACCOUNT/QUEUE"),
        (["sync", "--source", "none", "--sqs-queue-url", "ftp://example.com/1/q", "--once"], "is not an http(s) URL"),
        (["sync", "--source", "none", "--cloudtrail", "--once"], "no region: set --region, AWS_REGION, AWS_DEFAULT_REGION"),
        (["sync", "--events-file", "x.jsonl", "--sqs-visibility-timeout", "99999"], "--sqs-visibility-timeout must be between 0 and 43200"),
    ] as [([String], String)])
    func aMistakeIsOneLine(_ arguments: [String], _ message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store")
        let outcome = try run(arguments + ["--store", store.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("vaultwatch: ") }.count == 1, "\(outcome.stderr)")
        // Refused before anything is made: no store, no digest signing key.
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(!FileManager.default.fileExists(atPath: configHome.appendingPathComponent("vaultwatch").path))
    }

    @Test func theConfigFilesFeedsAreReadWhenNoneIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("events.jsonl")
        try Self.record.appending("\n").write(to: file, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("config.toml")
        try "[alerts]\nevents_files = [\"\(file.path)\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store").path
        let sync = try run(["sync", "--source", "none", "--config", config.path, "--once", "--store", store])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stderr.contains("vaultwatch: made a digest signing key at \(configHome.path)/vaultwatch/digest-key.pem"), "\(sync.stderr)")
        #expect(sync.stdout.contains("file events.jsonl 444455556666 eu-west-1 ok: 0 vaults, 0 recovery points, 1 alerts"))
    }

    static let record = #"{"eventVersion":"1.09","eventSource":"backup.amazonaws.com","eventName":"DeleteBackupVaultLockConfiguration","eventTime":"2026-11-24T02:15:01Z","awsRegion":"eu-west-1","recipientAccountId":"444455556666","eventID":"cli-1","eventType":"AwsApiCall","userIdentity":{"type":"Root","arn":"arn:aws:iam::444455556666:root","accountId":"444455556666"},"requestParameters":{"backupVaultName":"member-vault"}}"#

    @Test func anEventsFileOnTheCommandLineBecomesAlerts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("trail.jsonl")
        try #"{"Records":[\#(Self.record)]}"#.appending("\nnot an event\n").write(to: file, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store").path
        let sync = try run(["sync", "--source", "none", "--events-file", file.path, "--once", "--store", store])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("file trail.jsonl 444455556666 eu-west-1 ok: 0 vaults, 0 recovery points, 1 alerts"))
        #expect(sync.stderr.contains("\(file.path):2: not JSON"))
        let json = try run(["alerts", "--json", "--store", store])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(alerts.map { $0["action"] as? String } == ["DeleteBackupVaultLockConfiguration"])
        #expect(alerts.first?["principal"] as? String == "root" && alerts.first?["region"] as? String == "eu-west-1")
    }
}

/// The dashboard refuses a mistake in naming a feed as `sync` does: in a real terminal, one line,
/// and nothing made (no store, no digest signing key).
@Suite(.serialized) struct WatchFeedMistakeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-watch-feed-\(UUID().uuidString)")

    @Test func aBadQueueURLIsOneLineAndLeavesNothingBehind() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store")
        let config = folder.appendingPathComponent("config")
        let session = TmuxSession(label: "watch-feed")
        defer { session.kill() }
        let watch = [
            try Built.vaultwatch.path, "watch", "--source", "none", "--sqs-queue-url", "ftp://example.com/1/q", "--store", store.path,
        ]
        // Through a shell that says the exit status and stays: a program that exits at once can be
        // gone before tmux keeps its pane, with what it printed.
        let command = ["/bin/sh", "-c", watch.map(Shell.quote).joined(separator: " ") + "; echo \"exit $?\"; sleep 60"]
        try session.start(
            command, width: 100, height: 30,
            environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color", "HOME": folder.path, "XDG_CONFIG_HOME": config.path])
        let screen = try session.waitFor("vaultwatch to exit") { $0.contains("exit ") }
        #expect(screen.contains("exit 1"), "\(screen)")
        let said = screen.split(separator: "\n").filter { $0.hasPrefix("vaultwatch: ") }
        #expect(said == ["vaultwatch: the SQS queue URL ftp://example.com/1/q is not an http(s) URL"], "\(screen)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("vaultwatch").path))
    }
}
