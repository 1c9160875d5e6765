import Foundation
import Testing

/// The conformance set (`Conformance/*.json`, written by the scripts beside them from the AWS pages each case
/// cites) run through the real binary as a pipeline would: `policy simulate --json` with its options, and
/// `rule test`. Every case must come out as AWS answers it, the deciding statements included.
@Suite(.serialized) struct ConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Conformance")

    static func cases(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func write(_ value: Any, to url: URL) throws {
        try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]).write(to: url)
    }

    /// The statements as `--json` prints them, keyed so that two lists compare: the policy (and the file it
    /// was read from), the level of an SCP, the Sid, the index.
    static func statements(_ list: [[String: Any]]) -> [String] {
        list.map { entry in
            let policy = entry["policy"] as? String ?? "?"
            let level = (entry["level"] as? Int).map { "@\($0)" } ?? ""
            let sid = entry["sid"] as? String ?? "null"
            let file = (entry["file"] as? String).map { " " + URL(fileURLWithPath: $0).lastPathComponent } ?? ""
            return "\(policy)\(level)#\(entry["index"] as? Int ?? -1) sid=\(sid)\(file)"
        }
    }

    /// The file each expected statement's policy was written to.
    static func expectedFile(_ entry: [String: Any]) -> [String: Any] {
        var entry = entry
        switch entry["policy"] as? String {
        case "vault": entry["file"] = "vault.json"
        case "identity": entry["file"] = "identity-0.json"
        default: entry["file"] = "scp-\(entry["level"] as? Int ?? 0).json"
        }
        return entry
    }

    @Test func iamCasesAnswerAsIAMDoes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-iam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var failures: [String] = []
        let cases = try Self.cases("iam.json")
        for (number, item) in cases.enumerated() {
            let caseDir = dir.appendingPathComponent("\(number)")
            try FileManager.default.createDirectory(at: caseDir, withIntermediateDirectories: true)
            var args = [
                "policy", "simulate", "--json", "--action", item["action"] as! String,
                "--caller-arn", item["caller"] as! String, "--resource-arn", item["resource"] as! String,
            ]
            if let vault = item["vault"], !(vault is NSNull) {
                let url = caseDir.appendingPathComponent("vault.json")
                try Self.write(vault, to: url)
                args += ["--vault-policy", url.path]
            }
            for (index, document) in (item["identity"] as? [Any] ?? []).enumerated() {
                let url = caseDir.appendingPathComponent("identity-\(index).json")
                try Self.write(document, to: url)
                args += ["--identity-policy", url.path]
            }
            for (level, documents) in (item["scps"] as? [Any] ?? []).enumerated() {
                let url = caseDir.appendingPathComponent("scp-\(level).json")
                try Self.write(documents, to: url)
                args += ["--scp", url.path]
            }
            if let context = item["context"], !(context is NSNull) {
                let url = caseDir.appendingPathComponent("context.json")
                try Self.write(context, to: url)
                args += ["--context", url.path]
            }
            let result = try Shell.outcome(try Built.vaultwatch.path, args)
            let name = item["name"] as? String ?? "case \(number)"
            guard result.status == 0,
                let answer = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            else {
                failures.append("\(name): exit \(result.status >> 8) \(result.stderr)")
                continue
            }
            let expect = item["expect"] as! [String: Any]
            var wrong: [String] = []
            if answer["decision"] as? String != expect["decision"] as? String {
                wrong.append("decision \(answer["decision"] ?? "-"), expected \(expect["decision"] ?? "-")")
            }
            if let matched = expect["matchedStatements"] as? [[String: Any]] {
                let got = Self.statements(answer["matchedStatements"] as? [[String: Any]] ?? [])
                let wanted = Self.statements(matched.map(Self.expectedFile))
                if got != wanted { wrong.append("statements \(got), expected \(wanted)") }
            }
            let missing = answer["missingContextValues"] as? [String] ?? []
            if missing != expect["missingContextValues"] as? [String] ?? [] {
                wrong.append("missing \(missing), expected \(expect["missingContextValues"] ?? [])")
            }
            if !wrong.isEmpty { failures.append("\(name) [\(item["doc"] ?? "")]: \(wrong.joined(separator: "; "))") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) IAM cases:\n\(failures.joined(separator: "\n"))")
    }

    @Test func eventBridgeCasesMatchAsEventBridgeDoes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-eb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var failures: [String] = []
        let cases = try Self.cases("eventbridge.json")
        for (number, item) in cases.enumerated() {
            let pattern = dir.appendingPathComponent("pattern-\(number).json")
            let event = dir.appendingPathComponent("event-\(number).json")
            // Pattern and event are the JSON text as written, byte for byte.
            try Data((item["pattern"] as! String).utf8).write(to: pattern)
            try Data((item["event"] as! String).utf8).write(to: event)
            let result = try Shell.outcome(
                try Built.vaultwatch.path, ["rule", "test", "--pattern", pattern.path, "--event", event.path])
            let got: String =
                switch result.status >> 8 {
                case 0 where result.stdout == "true\n": "true"
                case 1 where result.stdout == "false\n": "false"
                case 2: "invalid"
                default: "exit \(result.status >> 8): \(result.stdout)\(result.stderr)"
                }
            let expected: String =
                switch item["expect"] {
                case let flag as Bool: flag ? "true" : "false"
                default: "\(item["expect"] ?? "")"
                }
            if got != expected {
                failures.append("\(item["name"] ?? number) [\(item["doc"] ?? "")]: \(got), expected \(expected) \(result.stderr)")
            }
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(cases.count) EventBridge cases:\n\(failures.joined(separator: "\n"))")
    }
}
