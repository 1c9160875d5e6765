import Foundation
import Testing

/// `vaultwatch policy simulate` as a script drives it: its options, its `--json` shape, and one clear line
/// for every question that cannot be asked.
@Suite(.serialized) struct PolicySimulateTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-simulate-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func simulate(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Shell.outcome(try Built.vaultwatch.path, ["policy", "simulate"] + args)
    }

    static let session = "arn:aws:sts::111122223333:assumed-role/Dev/alice"
    static let point = "arn:aws:backup:us-east-1:111122223333:recovery-point:rp-1"
    static func call(_ action: String = "backup:DeleteRecoveryPoint", caller: String = session) -> [String] {
        ["--action", action, "--caller-arn", caller, "--resource-arn", point]
    }

    @Test func jsonNamesTheDecidingStatementsOfEveryKind() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let vault = try write("vault.json", #"""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "DenyDev", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Dev"},
               "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}]}
            """#)
        let identity = try write("identity.json", #"""
            {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "backup:*", "Resource": "*"}}
            """#)
        let root = try write("root.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#)
        let account = try write("account.json", #"""
            [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
             {"Version": "2012-10-17", "Statement": [{"Sid": "NoDeletes", "Effect": "Deny", "Action": "backup:Delete*", "Resource": "*"}]}]
            """#)
        let result = try simulate(
            Self.call() + ["--vault-policy", vault, "--identity-policy", identity, "--scp", root, "--scp", account, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(answer.keys) == ["decision", "matchedStatements", "missingContextValues", "reason"])
        #expect(answer["decision"] as? String == "explicitDeny")
        #expect((answer["missingContextValues"] as? [String]) == [])
        let matched = try #require(answer["matchedStatements"] as? [[String: Any]])
        #expect(matched.map { $0["policy"] as? String } == ["vault", "identity", "scp"])
        #expect(matched.map { $0["file"] as? String } == [vault, identity, account])
        #expect(matched.map { $0["index"] as? Int } == [0, 0, 0])
        #expect(matched[0]["sid"] as? String == "DenyDev")
        #expect(matched[1]["sid"] is NSNull, "a statement without Sid says null")
        #expect(matched[2]["level"] as? Int == 1)
        #expect(matched[0]["level"] == nil && matched[1]["level"] == nil, "only SCPs have a level")
        #expect((answer["reason"] as? String)?.hasPrefix("denied by ") == true)
    }

    @Test func anUnknowableKeyIsNamedAndTheTextAnswerMarksTheStatement() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let identity = try write("identity.json", #"""
            {"Version": "2012-10-17", "Statement": [{"Sid": "FromTheOffice", "Effect": "Allow", "Action": "backup:*",
              "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}
            """#)
        let json = try simulate(Self.call() + ["--identity-policy", identity, "--json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(answer["decision"] as? String == "unknown")
        #expect(answer["missingContextValues"] as? [String] == ["aws:SourceIp"])

        let context = try write("context.json", #"{"aws:SourceIp": "203.0.113.9", "aws:PrincipalTag/team": ["a", "b"]}"#)
        let text = try simulate(Self.call() + ["--identity-policy", identity, "--context", context])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix(
            "backup:DeleteRecoveryPoint by \(Self.session) (aws:PrincipalArn arn:aws:iam::111122223333:role/Dev)\n"))
        #expect(text.stdout.contains("\nALLOWED\n  allowed by identity policy \(identity), Sid \"FromTheOffice\""), "\(text.stdout)")
        #expect(text.stdout.contains("▶ applies         identity policy \(identity), Sid \"FromTheOffice\": Allow applies: "
            + "aws:SourceIp 203.0.113.9 is in 203.0.113.0/24"), "\(text.stdout)")
        #expect(text.stdout.contains("  no vault access policy\n"))
    }

    @Test func outsideTextIsMadeInert() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let identity = try write("identity.json", #"""
            {"Version": "2012-10-17", "Statement": [{"Sid": "x\u001b[31mred", "Effect": "Allow", "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}]}
            """#)
        let json = try simulate(Self.call() + ["--identity-policy", identity, "--json"])
        #expect(!json.stdout.contains("\u{1b}") && !json.stdout.contains("\\u001b"), "\(json.stdout)")
        let text = try simulate(Self.call() + ["--identity-policy", identity])
        #expect(!text.stdout.contains("\u{1b}"))
    }

    struct Misuse: Sendable, CustomTestStringConvertible {
        let files: [String: String]
        let args: [String]
        let error: String
        var testDescription: String { error }
    }

    static let misuses: [Misuse] = [
        Misuse(files: [:], args: call("backup:DeleteRecoveryPiont"),
               error: #"--action: AWS Backup has no action "backup:DeleteRecoveryPiont"; did you mean backup:DeleteRecoveryPoint?"#),
        Misuse(files: [:], args: call("s3:GetObject"), error: #"--action: "s3:GetObject" is not an AWS Backup action"#),
        Misuse(files: [:], args: call(caller: "arn:aws:iam::111122223333:role/Dev"),
               error: #"--caller-arn: "arn:aws:iam::111122223333:role/Dev" is a role; a role calls through a session"#),
        Misuse(files: [:], args: call(caller: "alice"), error: #"--caller-arn: "alice" is not an ARN with an account"#),
        Misuse(files: [:], args: ["--action", "backup:DeleteRecoveryPoint", "--caller-arn", session, "--resource-arn", "vault"],
               error: #"--resource-arn: "vault" is not an ARN"#),
        Misuse(files: ["p.json": #"{"Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]}"#],
               args: call() + ["--identity-policy", "p.json"], error: "p.json: Statement[0].Effect: must be \"Allow\" or \"Deny\""),
        Misuse(files: ["p.json": #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#],
               args: call() + ["--identity-policy", "p.json"],
               error: "p.json: Statement[0].Principal: an identity-based policy statement must not name a principal"),
        Misuse(files: ["p.json": #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#],
               args: call() + ["--vault-policy", "p.json"],
               error: "p.json: Statement[0]: a resource policy statement needs Principal or NotPrincipal"),
        Misuse(files: ["p.json": "[]"], args: call() + ["--scp", "p.json"],
               error: "p.json: an SCP level holds at least one policy"),
        Misuse(files: ["p.json": #"[{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Principal": "*"}]}]"#],
               args: call() + ["--scp", "p.json"], error: "p.json: [0].Statement[0].Principal: an SCP statement must not name a principal"),
        Misuse(files: ["p.json": "{"], args: call() + ["--scp", "p.json"], error: "p.json: not valid JSON"),
        Misuse(files: ["c.json": #"["aws:SourceIp"]"#], args: call() + ["--context", "c.json"],
               error: "c.json: the context must be a JSON object of condition keys"),
        Misuse(files: ["c.json": #"{"aws:SourceIp": {"a": 1}}"#], args: call() + ["--context", "c.json"],
               error: "c.json: aws:SourceIp: must be a string or a list of strings"),
        Misuse(files: [:], args: call() + ["--vault-policy", "missing.json"], error: "missing.json: cannot be read"),
    ]

    @Test(arguments: misuses) func aQuestionThatCannotBeAskedIsOneLineAndExit3(_ misuse: Misuse) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String: String] = [:]
        for (name, text) in misuse.files { paths[name] = try write(name, text) }
        let args = misuse.args.map { paths[$0] ?? ($0.hasSuffix(".json") ? dir.appendingPathComponent($0).path : $0) }
        let result = try simulate(args)
        #expect(result.status >> 8 == 3, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(misuse.error), "\(result.stderr)")
    }

    @Test func awsCLIOutputIsReadToo() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let inner = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowDev\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/Dev\"},\"Action\":\"backup:DeleteRecoveryPoint\",\"Resource\":\"*\"}]}"#
        let vault = try write("get.json", #"{"BackupVaultName": "central", "Policy": "\#(inner)"}"#)
        let describe = try write("describe.json", #"""
            [{"Policy": {"PolicySummary": {"Name": "FullAWSAccess"},
              "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]
            """#)
        let result = try simulate(Self.call() + ["--vault-policy", vault, "--scp", describe, "--json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(answer["decision"] as? String == "allowed", "\(result)")
        #expect((answer["matchedStatements"] as? [[String: Any]])?.first?["sid"] as? String == "AllowDev")
    }
}
