import Foundation
import Testing

/// `vaultwatch rule test` and `vaultwatch guardrails check|explain` as a pipeline runs them:
/// output and exit codes of the real binary.
@Suite(.serialized) struct GuardrailCommandTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let pattern = #"{"source":["aws.backup"],"detail":{"eventName":["DeleteRecoveryPoint"],"#
        + #""userIdentity":{"sessionContext":{"sessionIssuer":{"arn":[{"anything-but":["arn:aws:iam::1:role/Admin"]}]}}}}}"#

    static func event(_ name: String, issuer: String) -> String {
        #"{"source":"aws.backup","detail":{"eventName":"\#(name)","userIdentity":{"type":"AssumedRole","#
            + #""sessionContext":{"sessionIssuer":{"arn":"\#(issuer)"}}}}}"#
    }

    @Test func ruleTestAnswersLikeTestEventPattern() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let vaultwatch = try Built.vaultwatch.path
        let pattern = try write("rule.json", Self.pattern)
        let intruder = try write("intruder.json", Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Dev"))
        let admin = try write("admin.json", Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Admin"))

        let yes = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--event", intruder])
        #expect(yes.status == 0 && yes.stdout == "true\n", "\(yes)")
        let no = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--event", admin])
        #expect(no.status >> 8 == 1 && no.stdout == "false\n", "\(no)")

        let invalid = try write("bad.json", #"{"detail":{"eventName":"DeleteRecoveryPoint"}}"#)
        let refused = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", invalid, "--event", admin])
        #expect(refused.status >> 8 == 2, "\(refused)")
        #expect(refused.stderr.contains("bad.json: invalid pattern: detail.eventName: "), "\(refused.stderr)")

        let notJSON = try write("event.json", "{")
        let unreadable = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--event", notJSON])
        #expect(unreadable.status >> 8 == 2 && unreadable.stderr.contains("event.json: event is not valid JSON"))
    }

    @Test func ruleTestOverAJSONLinesFilePrintsTheMatchingLines() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let vaultwatch = try Built.vaultwatch.path
        let pattern = try write("rule.json", Self.pattern)
        let lines = [
            Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Dev"),
            Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Admin"),
            Self.event("StartBackupJob", issuer: "arn:aws:iam::1:role/Dev"),
        ]
        let events = try write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let matched = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--events", events])
        #expect(matched.status == 0)
        #expect(matched.stdout == lines[0] + "\n")

        let torn = try write("torn.jsonl", lines[1] + "\n{\"source\":\n" + lines[0] + "\n")
        let partly = try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--events", torn])
        #expect(partly.status >> 8 == 2, "an unreadable line makes the answer incomplete")
        #expect(partly.stdout == lines[0] + "\n", "the readable lines are still tested")
        #expect(partly.stderr.contains("torn.jsonl:2: event is not valid JSON"), "\(partly.stderr)")

        let none = try write("none.jsonl", lines[1] + "\n")
        #expect(try Shell.outcome(vaultwatch, ["rule", "test", "--pattern", pattern, "--events", none]).status >> 8 == 1)
    }

    @Test func guardrailsCheckGatesAPipelineAndExplainNamesTheDecidingStatement() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let vaultwatch = try Built.vaultwatch.path
        let store = dir.appendingPathComponent("store").path
        try Shell.run(vaultwatch, ["sync", "--source", "demo", "--once", "--store", store])

        // The demo's scratch vault has no lock: the check fails, and says why, as JSON too.
        let failed = try Shell.outcome(vaultwatch, ["guardrails", "check", "--demo", "--store", store, "--json"])
        #expect(failed.status >> 8 == 1, "\(failed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [[String: Any]])
        let scratchLock = rows.first { $0["vault"] as? String == "scratch" && $0["check"] as? String == "vault.lock.enabled" }
        #expect(scratchLock?["verdict"] as? String == "FAIL")
        let guarded = rows.first {
            $0["vault"] as? String == "central-backup-vault" && $0["check"] as? String == "vault.guardrails.sensitive_actions"
        }
        #expect(guarded?["verdict"] as? String == "PASS")

        // A vault that holds: WORM_vault passes everything but the grace period's warning.
        let worm = try Shell.outcome(vaultwatch, ["guardrails", "check", "--demo", "--store", store, "--vault", "WORM_vault"])
        #expect(worm.status == 0, "\(worm.stdout)")
        #expect(worm.stdout.contains("WARN    vault.lock.mode: Compliance mode in its grace period"), "\(worm.stdout)")

        let denied = try Shell.outcome(vaultwatch, [
            "guardrails", "explain", "--demo", "--store", store, "--vault", "central-backup-vault",
            "--principal", "arn:aws:iam::111122223333:role/DevOps", "--action", "backup:DeleteRecoveryPoint",
        ])
        #expect(denied.status == 0, "\(denied)")
        #expect(denied.stdout.contains("DENIED\n"))
        #expect(denied.stdout.contains(#"Sid "DenyAllButVaultAdmins" of access policy of central-backup-vault"#), "\(denied.stdout)")

        let open = try Shell.outcome(vaultwatch, [
            "guardrails", "explain", "--demo", "--store", store, "--vault", "scratch",
            "--principal", "arn:aws:iam::111122223333:root", "--action", "DeleteBackupVault",
        ])
        #expect(open.status >> 8 == 1, "\(open)")
        #expect(open.stdout.contains("NOT DENIED\n  not denied: the vault has no access policy"), "\(open.stdout)")
    }

    @Test func aBadSettingsFileStopsWithTheKeyAtFault() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let vaultwatch = try Built.vaultwatch.path
        let store = dir.appendingPathComponent("store").path
        try Shell.run(vaultwatch, ["sync", "--source", "demo", "--once", "--store", store])
        let settings = try write("guardrails.json", #"{"minRetentionDay": 7}"#)
        let refused = try Shell.outcome(vaultwatch, ["guardrails", "check", "--store", store, "--guardrails", settings])
        #expect(refused.status >> 8 == 1)
        #expect(refused.stderr.contains("guardrails.json: \"minRetentionDay\" is not a setting"), "\(refused.stderr)")
    }
}
