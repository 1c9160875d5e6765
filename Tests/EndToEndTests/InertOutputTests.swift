import Foundation
import Testing

/// "Output that is not inert": every byte vaultwatch writes to a terminal, a pipe or stderr,
/// `--json` included, holds no escape sequence, no control, C1, bidi or zero-width character.
@Suite(.serialized) struct InertOutputTests {
    static let hostile = "evil\u{1B}]0;TITLE\u{07}\u{9B}31m\u{202E}gnp\u{2066}x\u{2069}\u{200B}\u{200D}\u{FEFF}\u{7F}\u{2028}end"

    /// Characters that must never leave vaultwatch raw (a newline between lines aside). Text for
    /// people may keep a zero-width joiner, which joins emoji and moves no cursor (how it is
    /// shown is the grid's business); JSON escapes it too.
    static func offending(_ text: String, json: Bool = false) -> [String] {
        text.unicodeScalars.filter { scalar in
            if scalar == "\n" || (!json && scalar == "\u{200D}") { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// A store whose first vault, call and alert carry hostile text everywhere a source could put it.
    static func hostileStore(_ fixture: borrowing StoreFixture) throws {
        let source = try StoreFixture()
        try FileManager.default.createDirectory(at: fixture.store, withIntermediateDirectories: true)
        func first(_ name: String) throws -> [String: Any] {
            let text = try String(contentsOf: source.file(name), encoding: .utf8)
            let line = String(text.split(separator: "\n")[0])
            return try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
        func save(_ name: String, _ object: [String: Any], _ change: (inout [String: Any]) -> Void) throws {
            var line = object
            var data = line["data"] as! [String: Any]
            change(&data)
            line["data"] = data
            line["schema"] = 1
            line["seq"] = 1
            line["prev"] = nil
            let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            try (json + Data("\n".utf8)).write(to: fixture.file(name))
        }
        let alert = try first("alerts.jsonl")
        let callId = (alert["data"] as! [String: Any])["callId"] as! String
        let calls = try String(contentsOf: source.file("events.jsonl"), encoding: .utf8).split(separator: "\n")
        let call = try JSONSerialization.jsonObject(with: Data(calls.first { $0.contains(callId) }!.utf8)) as! [String: Any]
        try save("vaults.jsonl", try first("vaults.jsonl")) { $0["name"] = hostile }
        try save("events.jsonl", call) {
            $0["userAgent"] = hostile
            $0["vaultName"] = hostile
        }
        try save("alerts.jsonl", alert) {
            for key in ["action", "outcome", "errorMessage", "sourceIPAddress", "vaultName", "ruleName"] { $0[key] = hostile }
            var principal = $0["principal"] as! [String: Any]
            principal["arn"] = "arn:aws:iam::111122223333:role/" + hostile
            $0["principal"] = principal
        }
        chmod(fixture.store.path, 0o700)
    }

    @Test func everyCommandsOutputIsInertJSONIncluded() throws {
        let fixture = try StoreFixture(synced: false)
        try Self.hostileStore(fixture)
        let id = try #require(try fixture.alertIds().first)
        let pattern = fixture.dir.appendingPathComponent("rule.json")
        try Data(#"{"source":["aws.backup"]}"#.utf8).write(to: pattern)
        let events = fixture.dir.appendingPathComponent("events.jsonl")
        let event: [String: Any] = [
            "id": "1", "account": "1", "time": "t", "region": "r", "resources": [], "detail-type": "d",
            "source": "aws.backup", "detail": ["who": Self.hostile],
        ]
        // Controls below U+0020 are escaped (JSON requires it); C1, bidi and zero-width characters stay raw.
        try (JSONSerialization.data(withJSONObject: event) + Data("\n".utf8)).write(to: events)
        #expect(try String(contentsOf: events, encoding: .utf8).contains("\u{9B}"))

        let runs: [[String]] = [
            ["alerts"], ["alerts", "--json"], ["vaults"], ["vaults", "--json"], ["points", "--json"],
            ["ack", String(id.prefix(8)), "--by", Self.hostile, "--note", Self.hostile],
            ["ack", id, "--by", Self.hostile, "--json"],  // refused: already acknowledged by the hostile name
            ["alerts", "--json"], ["store", "verify"], ["store", "digest", "--export"],
            ["guardrails", "check"], ["guardrails", "check", "--json"],
            ["guardrails", "explain", "--vault", Self.hostile, "--principal", "arn:aws:iam::1:role/" + Self.hostile, "--action", "backup:DeleteRecoveryPoint"],
            ["ack", Self.hostile],
            ["vaults", "--bogus", Self.hostile],
            ["demo", "--speed", Self.hostile],
        ]
        for args in runs {
            let result = try fixture.run(args)
            let found = Self.offending(result.stdout, json: args.contains("--json")) + Self.offending(result.stderr)
            #expect(found.isEmpty, "vaultwatch \(args.first!): \(found) in \(result.stdout)\(result.stderr)")
        }
        let rule = try Shell.outcome(try Built.vaultwatch.path, ["rule", "test", "--pattern", pattern.path, "--events", events.path])
        #expect(rule.status == 0)
        #expect(Self.offending(rule.stdout, json: true).isEmpty && Self.offending(rule.stderr).isEmpty, "\(rule.stdout)")

        // The JSON escapes stand for the same characters: a parser reads the hostile value back whole.
        let json = try fixture.run(["alerts", "--json"]).stdout
        #expect(json.contains(#""by" : "evil\u001b]0;TITLE\u0007\u009b31m\u202egnp\u2066x\u2069\u200b\u200d\ufeff\u007f\u2028end""#), "\(json)")
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect((rows[0]["acknowledgement"] as? [String: Any])?["by"] as? String == Self.hostile)
        #expect(rows[0]["action"] as? String == Self.hostile)
        let matched = try JSONSerialization.jsonObject(with: Data(rule.stdout.utf8)) as! [String: Any]
        #expect((matched["detail"] as? [String: Any])?["who"] as? String == Self.hostile)
    }

    /// What a feed hands over is outside text too: an events file whose call carries hostile text
    /// everywhere, and a line that is no JSON at all.
    static func hostileEventsFile(in folder: URL) throws -> URL {
        let record: [String: Any] = [
            "eventVersion": "1.09", "eventSource": "backup.amazonaws.com", "eventName": "DeleteBackupVaultLockConfiguration",
            "eventTime": "2026-11-24T02:15:01Z", "awsRegion": "eu-west-1", "recipientAccountId": "444455556666",
            "eventID": "hostile-1", "eventType": "AwsApiCall", "userAgent": hostile, "sourceIPAddress": hostile,
            "errorCode": hostile, "errorMessage": hostile,
            "userIdentity": ["type": "IAMUser", "arn": "arn:aws:iam::444455556666:user/" + hostile, "accountId": "444455556666"],
            "requestParameters": ["backupVaultName": hostile],
        ]
        let file = folder.appendingPathComponent("events.jsonl")
        let lines = try JSONSerialization.data(withJSONObject: record) + Data("\n\(hostile)\n".utf8)
        try lines.write(to: file)
        return file
    }

    @Test func theFeedsPolicySimulateConfigAndEmulateAreInertToo() throws {
        let fixture = try StoreFixture(synced: false)
        let events = try Self.hostileEventsFile(in: fixture.dir)
        let config = fixture.dir.appendingPathComponent("config.toml")
        try "[[account]]\nprofile = \"evil\\u001B]0;TITLE\\u0007\\u009B31m\\u202Egnp\\u200B\"\nregions = [\"eu-west-1\"]\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let emulatorStore = fixture.dir.appendingPathComponent("emulator").path
        let runs: [[String]] = [
            ["sync", "--source", "none", "--events-file", events.path, "--once", "--store", fixture.store.path],
            ["alerts", "--store", fixture.store.path], ["alerts", "--json", "--store", fixture.store.path],
            ["guardrails", "check", "--json", "--store", fixture.store.path],
            ["policy", "simulate", "--action", "backup:DeleteRecoveryPoint", "--caller-arn", "arn:aws:iam::1:role/" + Self.hostile,
             "--resource-arn", "arn:aws:backup:us-east-1:1:backup-vault:" + Self.hostile],
            ["policy", "simulate", "--action", "backup:" + Self.hostile, "--caller-arn", "arn:aws:iam::1:role/" + Self.hostile,
             "--resource-arn", "arn:aws:backup:us-east-1:1:backup-vault:" + Self.hostile, "--json"],
            ["config", "check", "--config", config.path],
            ["emulate", "credentials", Self.hostile, "--store", emulatorStore],
        ]
        let environment = [
            "HOME=\(fixture.dir.path)", "PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")",
            "LANG=C.UTF-8", "AWS_EC2_METADATA_DISABLED=true", "XDG_CONFIG_HOME=\(Shell.configHome)",
        ]
        var alertsSeen = false
        for args in runs {
            let result = try Shell.outcome("-i", environment + [try Built.vaultwatch.path] + args)
            let found = Self.offending(result.stdout, json: args.contains("--json")) + Self.offending(result.stderr)
            #expect(found.isEmpty, "vaultwatch \(args.prefix(2)): \(found) in \(result.stdout)\(result.stderr)")
            if args == ["alerts", "--json", "--store", fixture.store.path] {
                // The hostile call did become an alert, and its JSON reads back as the same text.
                let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
                alertsSeen = rows.contains { ($0["errorMessage"] as? String) == Self.hostile }
            }
        }
        #expect(alertsSeen)
    }
}
