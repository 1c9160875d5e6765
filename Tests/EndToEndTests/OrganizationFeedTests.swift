import TestSupport
import Foundation
import Testing
import VaultCore

/// The SQS feed with the real binary: a `vaultwatch sync` killed with SIGKILL between storing an
/// event and deleting its message shows the alert once after the message comes back; and the
/// dashboard shows a member account's alert as it arrives, and acknowledges it.
@Suite(.serialized) struct OrganizationFeedTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-org-\(UUID().uuidString)")
    static let intruder = Principal.role("svc-sync-tmp", session: "botocore-session-1", account: OrganizationWiring.member)

    /// What vaultwatch runs with: only the wiring's HOME (an assume-role profile `central`) and
    /// `AWS_ENDPOINT_URL` moving STS and SQS to moto.
    func environment(_ wiring: OrganizationWiring) -> [String: String] {
        [
            "HOME": wiring.home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "AWS_ENDPOINT_URL": wiring.moto.url, "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        ]
    }

    /// Starts `vaultwatch` with exactly `environment`; its output goes to files beside the store.
    func start(_ arguments: [String], environment: [String: String], log: String) throws -> pid_t {
        let vaultwatch = try Built.vaultwatch.path
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try Shell.spawn("-i", assignments + [vaultwatch] + arguments, stdout: log + ".out", stderr: log + ".err")
    }

    func wait(_ what: String, timeout: TimeInterval = 40, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError("timed out after \(Int(timeout)) s waiting for \(what)")
    }

    func storedLines(containing text: String, in file: String) -> Int {
        let content = (try? String(contentsOf: store.appendingPathComponent(file), encoding: .utf8)) ?? ""
        return content.split(separator: "\n").filter { $0.contains(text) }.count
    }

    @Test func aSyncKilledBetweenStoringAndDeletingShowsTheAlertOnceAfterTheMessageComesBack() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let wiring = try OrganizationWiring()
        let proxy = try FaultProxy(moto: wiring.moto)
        let sync = [
            "sync", "--source", "none", "--store", store.path, "--profile", "central", "--sqs-queue-url", wiring.queueURL,
            "--endpoint-url", proxy.url,
            "--sqs-visibility-timeout", "3",
        ]
        // The first delete hangs at the proxy (and never reaches moto) while the process is killed.
        try proxy.inject([["target": "AmazonSQS.DeleteMessageBatch", "hold": 60]])
        let first = try start(sync, environment: environment(wiring), log: store.path + "-first")
        let id = try wiring.put("DeleteRecoveryPoint", by: Self.intruder)
        try wait("the call stored and its delete sent") {
            let deleting = try proxy.log().contains { $0["amzTarget"] as? String == "AmazonSQS.DeleteMessageBatch" }
            return deleting && storedLines(containing: id, in: "events.jsonl") == 1
        }
        kill(first, SIGKILL)
        #expect(Shell.wait(first) & 0x7f == SIGKILL)
        #expect(try wiring.depth().inFlight == 1)

        // A new process resumes from the store: the message comes back, is recognised, deleted.
        let second = try start(sync, environment: environment(wiring), log: store.path + "-second")
        try wait("the returning message deleted") { try wiring.depth() == (0, 0) }
        kill(second, SIGTERM)
        #expect(Shell.wait(second) == 0)

        #expect(storedLines(containing: id, in: "events.jsonl") == 1)
        let json = try Shell.run(try Built.vaultwatch.path, ["alerts", "--json", "--store", store.path])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["accountId"] as? String == OrganizationWiring.member)
        #expect(alerts.first?["region"] as? String == OrganizationWiring.region)
        #expect(alerts.first?["action"] as? String == "DeleteRecoveryPoint")
        let secondOutput = (try? String(contentsOfFile: store.path + "-second.out", encoding: .utf8)) ?? ""
        #expect(secondOutput.contains("sqs central-backup-alerts 111122223333 us-east-1 ok"))
        for suffix in ["-first.out", "-first.err", "-second.out", "-second.err"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
    }

    @Test func aMemberAccountsAlertArrivesInTheDashboardAndIsAcknowledged() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let wiring = try OrganizationWiring()
        let vaultwatch = try Built.vaultwatch.path
        let session = TmuxSession(label: "org")
        defer { session.kill() }
        var environment = environment(wiring)
        environment["TERM"] = "tmux-256color"
        try session.start(
            [vaultwatch, "--store", store.path, "--profile", "central", "--sqs-queue-url", wiring.queueURL, "--by", "sam@central"],
            width: 120, height: 30, environment: environment)
        try session.waitFor("the dashboard on an empty store") { $0.contains("no new alerts") }

        // A central-account call first, then one from the member account: two accounts.
        try wiring.put("PutBackupVaultAccessPolicy", by: .user("ci-deployer", account: OrganizationWiring.central), account: OrganizationWiring.central)
        let id = try wiring.put("DeleteBackupVault", by: Self.intruder)
        try session.send("3")
        let screen = try session.waitFor("the member account's alert") {
            $0.contains("2 new alerts") && $0.contains("DeleteBackupVault") && $0.contains("444455556666 us-east-1")
        }
        #expect(screen.contains("111122223333: 1 · 444455556666: 1"), "\(screen)")

        try session.send("/")
        try session.type(OrganizationWiring.member)
        try session.send("Enter")
        try session.waitFor("the member's alert alone") { $0.contains("filter “444455556666”") && !$0.contains("PutBackupVaultAccess") }
        try session.send("a")
        try session.type("not one of ours: paged security")
        try session.send("Enter")
        try session.waitFor("the acknowledgement") { $0.contains("Acked      by sam@central") }
        try session.send("q")
        try session.waitUntilExited()

        let json = try Shell.run(vaultwatch, ["alerts", "--json", "--store", store.path])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let acked = try #require(alerts.first { ($0["id"] as? String) == Alert.id(forCall: id) })
        #expect(acked["acknowledged"] as? Bool == true)
        #expect((acked["acknowledgement"] as? [String: Any])?["note"] as? String == "not one of ours: paged security")
    }
}
