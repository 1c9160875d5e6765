import Foundation
import Testing

/// `vaultwatch sync`, `store verify` and `store compact` as a script runs them: output lines and
/// exit codes of the real binary.
@Suite(.serialized) struct StoreCommandTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")

    @Test func syncOnceThenVerifyAndCompact() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let vaultwatch = try Built.vaultwatch.path
        let synced = try Shell.run(vaultwatch, ["sync", "--source", "demo", "--once", "--store", store.path])
        let line = try #require(synced.split(separator: "\n").last.map(String.init))
        #expect(line.contains(" demo 111122223333 us-east-1 ok: 4 vaults, "), "\(synced)")
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression) != nil, "\(synced)")

        let intact = try Shell.outcome(vaultwatch, ["store", "verify", "--store", store.path])
        #expect(intact.status == 0)
        #expect(intact.stdout.hasPrefix("events.jsonl: intact, "), "\(intact.stdout)")
        #expect(intact.stdout.contains("\nalerts.jsonl: intact, "), "\(intact.stdout)")
        #expect(intact.stdout.contains("acks.jsonl: intact, no lines yet; digest "), "\(intact.stdout)")
        #expect(!intact.stdout.contains("not yet covered"), "sync signs for what it wrote before it stops: \(intact.stdout)")

        let compacted = try Shell.run(vaultwatch, ["store", "compact", "--store", store.path])
        let lines = compacted.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("FILE") == true, "\(compacted)")
        #expect(lines.contains { $0.hasPrefix("vaults.jsonl ") && $0.contains(" → ") }, "\(compacted)")
        #expect(lines.last?.hasPrefix("total ") == true, "\(compacted)")

        // Someone edits an alert by hand: verify names the line and fails.
        let alerts = store.appendingPathComponent("alerts.jsonl")
        var text = try String(contentsOf: alerts, encoding: .utf8)
        let first = try #require(text.range(of: #""outcome":""#))
        text.replaceSubrange(first, with: #""outcome":"x"#)
        try Data(text.utf8).write(to: alerts)
        let broken = try Shell.outcome(vaultwatch, ["store", "verify", "--store", store.path])
        #expect(broken.status >> 8 == 1)
        #expect(broken.stdout.contains("alerts.jsonl: hash chain broken at line 1: altered (line 2 holds a different hash of it)"), "\(broken.stdout)")
    }

    @Test func syncStopsCleanlyOnSIGTERM() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let out = store.appendingPathExtension("out")
        let err = store.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let pid = try Shell.spawn(
            try Built.vaultwatch.path, ["sync", "--source", "demo", "--speed", "60", "--store", store.path],
            stdout: out.path, stderr: err.path)
        // Wait (up to 30 s) for two sync lines, then ask it to stop.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? String(contentsOf: out, encoding: .utf8))?.split(separator: "\n").count ?? 0 < 2 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(pid, SIGTERM)
        let status = Shell.wait(pid)
        #expect(status == 0, "exit status \(status): \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.contains(" ok: ") }, "\(lines)")
        // Nothing half written: the store loads with no problem and its chains hold.
        let verified = try Shell.outcome(try Built.vaultwatch.path, ["store", "verify", "--store", store.path])
        #expect(verified.status == 0, "\(verified.stdout)")
        let listed = try Shell.outcome(try Built.vaultwatch.path, ["alerts", "--store", store.path])
        // Nothing on stderr but the store's time: a minute-a-second demo left it ahead of the clock.
        let said = listed.stderr.split(separator: "\n")
        #expect(listed.status == 0 && said.allSatisfy { $0.hasPrefix("vaultwatch: simulated time ") }, "\(listed.stderr)")
    }
}
