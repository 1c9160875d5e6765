import Foundation
import Testing

/// `vaultwatch demo` goes through the production path: the demo account served by the in-process
/// emulator and read over HTTP and SigV4 by the AWS source as its read-only role (Backup,
/// Organizations, KMS, EventBridge), its alerts found by the CloudTrail feed with LookupEvents. In a
/// real terminal: the vaults, the read-only identity, the people's refused calls as alerts, and
/// guardrail verdicts with nothing the source could not read.
@Suite(.serialized) struct DemoThroughEndpointTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")
    let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]

    @Test func theDemoReadsItsAccountOverHTTPAndItsAlertsFromCloudTrail() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let session = TmuxSession(label: "endpoint")
        defer { session.kill() }
        let command = [try Built.vaultwatch.path, "demo", "--store", store.path, "--speed", "30"]
        try session.start(command, width: 140, height: 30, environment: environment)
        let vaults = try session.waitFor("the vaults read over HTTP") {
            $0.contains("central-backup-vault") && $0.contains("WORM_vault") && $0.contains("new alert")
        }
        #expect(vaults.contains("as VaultWatchReadOnly/vaultwatch"), "\(vaults)")
        #expect(vaults.contains("customer managed"), "the key's alias comes from KMS:\n\(vaults)")
        try session.send("3")
        let alerts = try session.waitFor("the Alerts tab") { $0.contains("[3 Alerts") && $0.contains("AccessDenied") }
        #expect(alerts.contains("DevOps/alice") || alerts.contains("ci-deployer") || alerts.contains("root"), "\(alerts)")
        // Two days back, on an older page of LookupEvents: the CI user's attempt on the governance vault.
        try session.waitFor("the past week's attempts") { $0.contains("legacy-governance") }
        try session.send("4")
        let guardrails = try session.waitFor("the Guardrails tab") { $0.contains("[4 Guardrails") && $0.contains("PASS") }
        #expect(!guardrails.contains("UNKNOWN"), "every check could be judged:\n\(guardrails)")
        // The alerts came from CloudTrail's LookupEvents: once its lookup reached the last page, the
        // feed's own sync record says so.
        let syncs = store.appendingPathComponent("sync.jsonl")
        let deadline = Date() + 30
        while Date() < deadline, (try? String(contentsOf: syncs, encoding: .utf8))?.contains(#""source":"demo cloudtrail""#) != true {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try String(contentsOf: syncs, encoding: .utf8).contains(#""source":"demo cloudtrail""#))
        try session.send("q")
        try session.waitUntilExited()

        // The read-only role's reads were not kept as activity.
        let events = try String(contentsOf: store.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(!events.contains("VaultWatchReadOnly"))
        let listed = try Shell.run(try Built.vaultwatch.path, ["alerts", "--json", "--store", store.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(rows.count >= 5, "\(listed)")
    }

    @Test func theDemosChecksAreAllJudgedAndTheOldFlagIsGone() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let vaultwatch = try Built.vaultwatch.path
        _ = try Shell.run(vaultwatch, ["sync", "--source", "demo", "--once", "--store", store.path])
        let checked = try Shell.outcome(vaultwatch, ["guardrails", "check", "--demo", "--store", store.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(!rows.isEmpty && !rows.contains { $0["verdict"] as? String == "UNKNOWN" }, "\(checked.stdout)")
        // The SCPs were read from Organizations, level by level: the demo's leaves the scratch vault open.
        let scp = rows.first { $0["check"] as? String == "org.scp.backup_guardrail" }
        #expect(scp?["verdict"] as? String == "FAIL", "\(String(describing: scp))")
        let policies = try String(contentsOf: store.appendingPathComponent("policies.jsonl"), encoding: .utf8)
        #expect(policies.contains(#""type":"organization""#) && policies.contains("central-backup-vault-sensitive-actions"))
        let old = try Shell.outcome(vaultwatch, ["demo", "--through-endpoint", "--store", store.path])
        #expect(old.status != 0 && old.stderr.contains("--through-endpoint"), "\(old.stderr)")
    }
}
