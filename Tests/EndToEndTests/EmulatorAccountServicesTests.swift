import Foundation
import Testing

/// What `vaultwatch emulate` answers besides AWS Backup, walked through with the AWS CLI: the
/// organization and its SCPs level by level (the seeds' misspelt SCP put at the OU, and what it lets
/// through), the KMS key a vault names, and an EventBridge alert rule deployed and read back.
@Suite(.serialized) struct EmulatorAccountServicesTests {
    typealias Walkthrough = EmulatorWalkthroughTests
    static let account = Walkthrough.account

    @Test func organizationsAndItsSCPsLevelByLevel() throws {
        let emulator = try EmulatorProcess()
        let organization = try #require(
            try emulator.json("admin", ["organizations", "describe-organization"])["Organization"] as? [String: Any])
        #expect(organization["Id"] as? String == "o-a1b2c3d4e5" && organization["FeatureSet"] as? String == "ALL")
        let root = try #require((try emulator.json("admin", ["organizations", "list-roots"])["Roots"] as? [[String: Any]])?.first)
        let unit = try #require(
            (try emulator.json("admin", ["organizations", "list-parents", "--child-id", Self.account])["Parents"] as? [[String: Any]])?
                .first)
        #expect(unit["Type"] as? String == "ORGANIZATIONAL_UNIT")
        let unitId = try #require(unit["Id"] as? String)
        let up = try emulator.json("admin", ["organizations", "list-parents", "--child-id", unitId])["Parents"] as? [[String: Any]]
        #expect(up?.first?["Id"] as? String == root["Id"] as? String)

        // The seeds' SCP, misspelt as they spell it, attached to the account's OU.
        let misspelt = Walkthrough.scp(deleteSpelling: "DeleteBackupVaultAcessPolicy")
        try emulator.admin("PUT", "/_vaultwatch/scps/central-backup-vault-guardrail?target=ou", body: misspelt)
        let attached = try emulator.json("admin", [
            "organizations", "list-policies-for-target", "--target-id", unitId, "--filter", "SERVICE_CONTROL_POLICY",
        ])["Policies"] as? [[String: Any]] ?? []
        #expect(attached.compactMap { $0["Name"] as? String } == ["FullAWSAccess", "central-backup-vault-guardrail"])
        let id = try #require(attached.last?["Id"] as? String)
        let policy = try emulator.json("admin", ["organizations", "describe-policy", "--policy-id", id])["Policy"] as? [String: Any]
        #expect(policy?["Content"] as? String == misspelt)
        let atAccount = try emulator.json("admin", [
            "organizations", "list-policies-for-target", "--target-id", Self.account, "--filter", "SERVICE_CONTROL_POLICY",
        ])["Policies"] as? [[String: Any]] ?? []
        #expect(atAccount.compactMap { $0["Name"] as? String } == ["FullAWSAccess"])

        // Enforced from the OU: the misspelt action goes through, the others are denied.
        let vault = "central-backup-vault"
        _ = try emulator.json("admin", ["backup", "create-backup-vault", "--backup-vault-name", vault])
        _ = try emulator.json("admin", [
            "backup", "put-backup-vault-access-policy", "--backup-vault-name", vault, "--policy", Walkthrough.vaultPolicy,
        ])
        let delete = try emulator.aws("operator", ["backup", "delete-backup-vault-access-policy", "--backup-vault-name", vault])
        #expect(delete.status == 0, "\(delete.stderr)")
        let put = try emulator.aws("operator", [
            "backup", "put-backup-vault-access-policy", "--backup-vault-name", vault, "--policy", Walkthrough.vaultPolicy,
        ])
        #expect(put.stderr.contains("(AccessDeniedException) when calling the PutBackupVaultAccessPolicy operation"), "\(put.stderr)")
        #expect(put.stderr.contains("with an explicit deny in a service control policy"), "\(put.stderr)")

        // vaultwatch itself, as the read-only role over this endpoint: the SCPs come level by level, and
        // the refused call comes from CloudTrail as an alert (`sync --once` polls a feed once after starting it).
        let keys = try emulator.credentials("reader")
        let store = emulator.store.appendingPathExtension("vaultwatch")
        defer { try? FileManager.default.removeItem(at: store) }
        let synced = try Shell.outcome("env", [
            "-u", "AWS_SESSION_TOKEN", "-u", "AWS_PROFILE", "AWS_ACCESS_KEY_ID=\(keys["AWS_ACCESS_KEY_ID"] ?? "")",
            "AWS_SECRET_ACCESS_KEY=\(keys["AWS_SECRET_ACCESS_KEY"] ?? "")", "AWS_DEFAULT_REGION=us-east-1",
            "AWS_ENDPOINT_URL=\(emulator.endpoint)", "AWS_CONFIG_FILE=/nonexistent/config",
            "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials",
            try Built.vaultwatch.path, "sync", "--once", "--cloudtrail", "--store", store.path,
        ])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout.contains("cloudtrail default us-east-1 111122223333 us-east-1 ok"), "\(synced.stdout)")
        let alerts = try Shell.run(try Built.vaultwatch.path, ["alerts", "--json", "--store", store.path])
        #expect(alerts.contains("PutBackupVaultAccessPolicy") && alerts.contains("DevOps/alice"), "\(alerts)")
        let policies = try String(contentsOf: store.appendingPathComponent("policies.jsonl"), encoding: .utf8)
        #expect(policies.contains(#""type":"organization""#) && policies.contains("central-backup-vault-guardrail"))

        // An account outside the organization is told so; an unknown child is not found.
        let outsider = try emulator.aws("outsider", ["organizations", "describe-organization"])
        #expect(outsider.stderr.contains("(AWSOrganizationsNotInUseException)"), "\(outsider.stderr)")
        let missing = try emulator.aws("admin", ["organizations", "list-parents", "--child-id", "999999999999"])
        #expect(missing.stderr.contains("(ChildNotFoundException)"), "\(missing.stderr)")
    }

    @Test func theKeyAVaultNamesAndAnAlertRuleDeployedAndReadBack() throws {
        let emulator = try EmulatorProcess()
        let key = "arn:aws:kms:us-east-1:111122223333:key/6d9a1f0e-2b3c-4d5e-8f90-a1b2c3d4e5f6"
        _ = try emulator.json("admin", [
            "backup", "create-backup-vault", "--backup-vault-name", "keyed", "--encryption-key-arn", key,
        ])
        let metadata = try emulator.json("admin", ["kms", "describe-key", "--key-id", key])["KeyMetadata"] as? [String: Any]
        #expect(metadata?["KeyManager"] as? String == "CUSTOMER" && metadata?["Arn"] as? String == key)
        #expect((try emulator.json("admin", ["kms", "list-aliases", "--key-id", key])["Aliases"] as? [Any])?.isEmpty == true)
        let unknown = try emulator.aws("admin", ["kms", "describe-key", "--key-id", "alias/nope"])
        #expect(unknown.stderr.contains("(NotFoundException)"), "\(unknown.stderr)")
        let foreign = try emulator.aws("outsider", ["kms", "describe-key", "--key-id", key])
        #expect(foreign.stderr.contains("(AccessDeniedException)"), "\(foreign.stderr)")

        let pattern = """
            {"source":["aws.backup"],"detail-type":["AWS API Call via CloudTrail"],\
            "detail":{"eventSource":["backup.amazonaws.com"],"eventName":["DeleteRecoveryPoint","PutBackupVaultAccessPolicy"]}}
            """
        let rule = try emulator.json("admin", ["events", "put-rule", "--name", "backup-alerts", "--event-pattern", pattern])
        #expect(rule["RuleArn"] as? String == "arn:aws:events:us-east-1:111122223333:rule/backup-alerts")
        let topic = "arn:aws:sns:us-east-1:111122223333:central-backup-vault-alerts"
        let targets = try emulator.json("admin", ["events", "put-targets", "--rule", "backup-alerts", "--targets", "Id=sns,Arn=\(topic)"])
        #expect(targets["FailedEntryCount"] as? Int == 0)
        let rules = try emulator.json("admin", ["events", "list-rules"])["Rules"] as? [[String: Any]] ?? []
        #expect(rules.map { $0["Name"] as? String } == ["backup-alerts"] && rules.first?["State"] as? String == "ENABLED")
        #expect(try emulator.json("admin", ["events", "describe-rule", "--name", "backup-alerts"])["EventPattern"] as? String == pattern)
        let listed = try emulator.json("admin", ["events", "list-targets-by-rule", "--rule", "backup-alerts"])["Targets"] as? [[String: Any]]
        #expect(listed?.first?["Arn"] as? String == topic)
        let invalid = try emulator.aws("admin", ["events", "put-rule", "--name", "broken", "--event-pattern", #"{"detail": 5}"#])
        #expect(invalid.stderr.contains("(InvalidEventPatternException)"), "\(invalid.stderr)")
        let busy = try emulator.aws("admin", ["events", "delete-rule", "--name", "backup-alerts"])
        #expect(busy.stderr.contains("(ValidationException)"), "\(busy.stderr)")

        // Restarted, the emulator still has the rule.
        #expect(emulator.stop() == 0)
        try emulator.start()
        #expect((try emulator.json("admin", ["events", "list-rules"])["Rules"] as? [Any])?.count == 1)
    }
}
