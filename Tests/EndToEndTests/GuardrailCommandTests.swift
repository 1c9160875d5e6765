import Foundation
import Testing

/// `vaultwatch rule test` and `vaultwatch guardrails check|explain` as a pipeline runs them:
/// output and exit codes of the real binary.
@Suite(.serialized) struct GuardrailCommandTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")

    /// The real binary, with a configuration folder of its own: never the developer's
    /// `~/.config/vaultwatch`.
    func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let config = dir.appendingPathComponent("config").path
        return try Shell.outcome("env", ["XDG_CONFIG_HOME=\(config)", try Built.vaultwatch.path] + args)
    }

    func runOK(_ args: [String]) throws {
        let result = try run(args)
        guard result.status == 0 else { throw E2EError("vaultwatch \(args.joined(separator: " ")): \(result.stderr)") }
    }

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let pattern = #"{"source":["aws.backup"],"detail":{"eventName":["DeleteRecoveryPoint"],"#
        + #""userIdentity":{"sessionContext":{"sessionIssuer":{"arn":[{"anything-but":["arn:aws:iam::1:role/Admin"]}]}}}}}"#

    static func event(_ name: String, issuer: String) -> String {
        #"{"id":"e1","account":"1","time":"2026-11-24T00:00:00Z","region":"us-east-1","resources":[],"#
            + #""detail-type":"AWS API Call via CloudTrail","source":"aws.backup","#
            + #""detail":{"eventName":"\#(name)","userIdentity":{"type":"AssumedRole","#
            + #""sessionContext":{"sessionIssuer":{"arn":"\#(issuer)"}}}}}"#
    }

    @Test func ruleTestAnswersLikeTestEventPattern() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let pattern = try write("rule.json", Self.pattern)
        let intruder = try write("intruder.json", Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Dev"))
        let admin = try write("admin.json", Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Admin"))

        let yes = try run(["rule", "test", "--pattern", pattern, "--event", intruder])
        #expect(yes.status == 0 && yes.stdout == "true\n", "\(yes)")
        let no = try run(["rule", "test", "--pattern", pattern, "--event", admin])
        #expect(no.status >> 8 == 1 && no.stdout == "false\n", "\(no)")

        let invalid = try write("bad.json", #"{"detail":{"eventName":"DeleteRecoveryPoint"}}"#)
        let refused = try run(["rule", "test", "--pattern", invalid, "--event", admin])
        #expect(refused.status >> 8 == 2, "\(refused)")
        #expect(refused.stderr.contains("bad.json: invalid pattern: detail.eventName: "), "\(refused.stderr)")

        let bare = try write("bare.json", #"{"source":"aws.backup","detail":{"eventName":"DeleteRecoveryPoint"}}"#)
        let incomplete = try run(["rule", "test", "--pattern", pattern, "--event", bare])
        #expect(incomplete.status >> 8 == 2, "TestEventPattern refuses an event without its envelope")
        #expect(incomplete.stderr.contains("bare.json: id: missing: an event needs id, account, source"), "\(incomplete.stderr)")

        let notJSON = try write("event.json", "{")
        let unreadable = try run(["rule", "test", "--pattern", pattern, "--event", notJSON])
        #expect(unreadable.status >> 8 == 2 && unreadable.stderr.contains("event.json: event is not valid JSON"))
    }

    @Test func ruleTestOverAJSONLinesFilePrintsTheMatchingLines() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let pattern = try write("rule.json", Self.pattern)
        let lines = [
            Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Dev"),
            Self.event("DeleteRecoveryPoint", issuer: "arn:aws:iam::1:role/Admin"),
            Self.event("StartBackupJob", issuer: "arn:aws:iam::1:role/Dev"),
        ]
        let events = try write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let matched = try run(["rule", "test", "--pattern", pattern, "--events", events])
        #expect(matched.status == 0)
        #expect(matched.stdout == lines[0] + "\n")

        let torn = try write("torn.jsonl", lines[1] + "\n{\"source\":\n" + lines[0] + "\n")
        let partly = try run(["rule", "test", "--pattern", pattern, "--events", torn])
        #expect(partly.status >> 8 == 2, "an unreadable line makes the answer incomplete")
        #expect(partly.stdout == lines[0] + "\n", "the readable lines are still tested")
        #expect(partly.stderr.contains("torn.jsonl:2: event is not valid JSON"), "\(partly.stderr)")

        let none = try write("none.jsonl", lines[1] + "\n")
        #expect(try run(["rule", "test", "--pattern", pattern, "--events", none]).status >> 8 == 1)
    }

    @Test func guardrailsCheckGatesAPipelineAndExplainNamesTheDecidingStatement() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        try runOK(["sync", "--source", "demo", "--once", "--store", store])

        // The demo's scratch vault has no lock: the check fails, and says why, as JSON too.
        let failed = try run(["guardrails", "check", "--demo", "--store", store, "--json"])
        #expect(failed.status >> 8 == 1, "\(failed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect((json["counts"] as? [String: Int])?["FAIL"] == rows.count { $0["verdict"] as? String == "FAIL" })
        #expect(json["evaluatedAt"] is String)
        let scratchLock = rows.first { $0["vault"] as? String == "scratch" && $0["check"] as? String == "vault.lock.enabled" }
        #expect(scratchLock?["verdict"] as? String == "FAIL")
        let guarded = rows.first {
            $0["vault"] as? String == "central-backup-vault" && $0["check"] as? String == "vault.guardrails.sensitive_actions"
        }
        #expect(guarded?["verdict"] as? String == "PASS")

        // A vault that holds: WORM_vault passes everything but the grace period's warning.
        let worm = try run(["guardrails", "check", "--demo", "--store", store, "--vault", "WORM_vault"])
        #expect(worm.status == 0, "\(worm.stdout)")
        #expect(worm.stdout.contains("WARN    vault.lock.mode: Compliance mode in its grace period"), "\(worm.stdout)")

        let denied = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "central-backup-vault",
            "--principal", "arn:aws:iam::111122223333:role/DevOps", "--action", "backup:DeleteRecoveryPoint",
        ])
        #expect(denied.status == 0, "\(denied)")
        #expect(denied.stdout.contains("DENIED\n"))
        #expect(
            denied.stdout.contains(#"▶ applies         access policy of central-backup-vault, Sid "DenyAllButVaultAdmins": Deny applies"#),
            "\(denied.stdout)")
        #expect(denied.stdout.contains(#"  does not apply  access policy of central-backup-vault, Sid "AllowOrganizationCopyIn""#))

        let open = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "scratch",
            "--principal", "arn:aws:iam::111122223333:root", "--action", "DeleteBackupVault",
        ])
        // The account's root user needs no identity-based policy: nothing but a Deny could stop it.
        #expect(open.status >> 8 == 1, "\(open)")
        #expect(
            open.stdout.contains("ALLOWED\n  not denied: the root user may do anything in its account that no policy denies"),
            "\(open.stdout)")
        let intern = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "scratch",
            "--principal", "arn:aws:iam::111122223333:role/Intern", "--action", "DeleteBackupVault",
        ])
        #expect(intern.status >> 8 == 1, "\(intern)")
        #expect(intern.stdout.contains("NOT DENIED\n  not denied: the vault has no access policy"), "\(intern.stdout)")

        // A session is judged as the role behind it, as aws:PrincipalArn is; the admin may delete, but the
        // compliance lock refuses deleting a point before it expires.
        let session = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "central-backup-vault",
            "--principal", "arn:aws:sts::111122223333:assumed-role/BackupVaultAdmin/bob", "--action", "deleterecoverypoint",
        ])
        #expect(session.status == 0, "\(session)")
        #expect(
            session.stdout.contains(
                "REFUSED BY VAULT LOCK\n  central-backup-vault is locked (compliance): Vault Lock refuses deleting a "
                    + "recovery point before it expires"),
            "\(session.stdout)")
        let mistyped = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "central-backup-vault",
            "--principal", "arn:aws:iam::111122223333:role/BackupVaultAdmin", "--action", "DeleteRecoveryPiont",
        ])
        #expect(mistyped.status >> 8 == 3, "\(mistyped)")
        #expect(mistyped.stderr.contains("did you mean backup:DeleteRecoveryPoint?"), "\(mistyped.stderr)")
        let locked = try run([
            "guardrails", "explain", "--demo", "--store", store, "--vault", "central-backup-vault",
            "--principal", "arn:aws:iam::111122223333:role/BackupVaultAdmin", "--action", "DeleteBackupVaultLockConfiguration",
        ])
        #expect(locked.status == 0, "an admin may call it, but the compliance lock refuses it")
        #expect(locked.stdout.contains("REFUSED BY VAULT LOCK\n  Compliance mode since"), "\(locked.stdout)")
        #expect(session.stdout.hasPrefix(
            "backup:DeleteRecoveryPoint by arn:aws:iam::111122223333:role/BackupVaultAdmin (the role behind "), "\(session.stdout)")
        #expect(session.stdout.contains("on arn:aws:backup:us-east-1:111122223333:recovery-point:*"))
    }

    @Test func aCheckThatCannotBeJudgedFailsTheGateUnlessAllowed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        try runOK(["sync", "--source", "demo", "--once", "--store", store])
        // Named like the demo's SCP, so it stands in for it: a supplied SCP wins over the store's.
        let tagged = try write("central-backup-vault-guardrail.json", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:*","Resource":"*",
              "Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"backup"}}}]}
            """)
        let args = ["guardrails", "check", "--demo", "--store", store, "--vault", "WORM_vault", "--scp", tagged]
        let unknown = try run(args)
        #expect(unknown.status >> 8 == 2, "\(unknown.stdout)")
        #expect(unknown.stdout.contains("UNKNOWN vault.guardrails.sensitive_actions"), "\(unknown.stdout)")
        #expect(try run(args + ["--allow-unknown"]).status == 0)
    }

    @Test func aBadSettingsFileStopsWithTheKeyAtFault() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        try runOK(["sync", "--source", "demo", "--once", "--store", store])
        let settings = try write("guardrails.json", #"{"minRetentionDay": 7}"#)
        let refused = try run(["guardrails", "check", "--store", store, "--guardrails", settings])
        #expect(refused.status >> 8 == 3, "a misuse, not a verdict")
        #expect(refused.stderr.contains("guardrails.json: \"minRetentionDay\" is not a setting"), "\(refused.stderr)")
        let empty = try write("empty.json", #"{"sensitiveActions": []}"#)
        let vacuous = try run(["guardrails", "check", "--store", store, "--guardrails", empty])
        #expect(vacuous.stderr.contains("\"sensitiveActions\" must name at least one action"), "\(vacuous.stderr)")
        let typo = try write("typo.json", #"{"vaults": ["centrl-backup-vault"]}"#)
        let none = try run(["guardrails", "check", "--store", store, "--guardrails", typo])
        #expect(none.status >> 8 == 3)
        #expect(none.stderr.contains("name a vault the store does not hold: \"centrl-backup-vault\""), "\(none.stderr)")
    }

    @Test func aStoreSyncedLongAgoIsSaidWithItsTimeInUTCOnce() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let sync = #"{"data":{"accountId":"111122223333","at":"2026-11-20T03:00:00.000Z","region":"eu-west-1","source":"aws"},"#
            + #""schema":3,"seq":1,"type":"sync"}"# + "\n"
        #expect(FileManager.default.createFile(
            atPath: store.appendingPathComponent("sync.jsonl").path, contents: Data(sync.utf8), attributes: [.posixPermissions: 0o600]))
        let result = try run(["guardrails", "check", "--store", store.path, "--account", "111122223333"])
        #expect(result.stderr.contains("vaultwatch: the store was last synced "), "\(result.stderr)")
        #expect(result.stderr.contains(" (2026-11-20 03:00 UTC)\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("UTC UTC"), "\(result.stderr)")
    }
}
