import Foundation
import Testing
import TestSupport

/// `vaultwatch` reading a real local AWS endpoint (moto_server) as it would read AWS: vaults and
/// locks made with the AWS CLI, a customer-managed key, an organization whose SCPs sit at the
/// root, an OU and the account, an EventBridge rule, an assume-role profile chain through STS —
/// reached with `AWS_ENDPOINT_URL` and the AWS CLI's own profile files, nothing else.
@Suite(.serialized) struct AWSAccountTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("vw-aws-\(UUID().uuidString)").path

    func write(_ text: String, to relative: String) throws {
        let path = home + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The real binary with only this HOME's AWS and vaultwatch configuration.
    func vaultwatch(_ arguments: [String], moto: LocalMoto, endpoint: String? = nil, extra: [String: String?] = [:]) throws
        -> CommandOutcome
    {
        var environment = moto.environment(home: home)
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_ENDPOINT_URL"] = endpoint ?? moto.url
        environment["XDG_CONFIG_HOME"] = home + "/.config"
        environment["XDG_STATE_HOME"] = home + "/state"
        for (key, value) in extra { environment[key] = value }
        return try runCommand([try Built.vaultwatch.path] + arguments, environment: environment)
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// An organization in moto: the management account (moto's default), an OU "Backup" holding the
    /// central backup account, an SCP attached to the OU; the central account reached through an
    /// assume-role profile whose source is the management account's keys.
    func organization(_ moto: LocalMoto) throws -> (central: String, ou: String) {
        try write("[mgmt]\naws_access_key_id = testing\naws_secret_access_key = testing\n", to: ".aws/credentials")
        try moto.aws(["organizations", "create-organization", "--feature-set", "ALL"], home: home)
        let roots = try moto.aws(["organizations", "list-roots"], home: home) as? [String: Any]
        let root = try #require(((roots?["Roots"] as? [[String: Any]])?.first?["Id"]) as? String)
        try moto.aws(["organizations", "enable-policy-type", "--root-id", root, "--policy-type", "SERVICE_CONTROL_POLICY"], home: home)
        let ou = try #require(
            ((try moto.aws(["organizations", "create-organizational-unit", "--parent-id", root, "--name", "Backup"], home: home)
                as? [String: Any])?["OrganizationalUnit"] as? [String: Any])?["Id"] as? String)
        let created = try moto.aws(
            ["organizations", "create-account", "--email", "central@example.com", "--account-name", "central-backup"], home: home)
        let central = try #require(((created as? [String: Any])?["CreateAccountStatus"] as? [String: Any])?["AccountId"] as? String)
        try moto.aws(["organizations", "move-account", "--account-id", central, "--source-parent-id", root, "--destination-parent-id", ou], home: home)
        let scp = #"{"Version":"2012-10-17","Statement":[{"Sid":"DenyVaultChanges","Effect":"Deny","Action":["backup:DeleteBackupVault","backup:DeleteRecoveryPoint","backup:PutBackupVaultAccessPolicy","backup:DeleteBackupVaultAccessPolicy","backup:PutBackupVaultLockConfiguration","backup:DeleteBackupVaultLockConfiguration"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::\#(central):role/BackupVaultAdmin"}}}]}"#
        let policy = try #require(
            (((try moto.aws(
                ["organizations", "create-policy", "--name", "CentralBackupServiceControlPolicy", "--type", "SERVICE_CONTROL_POLICY",
                 "--description", "vault guardrail", "--content", scp], home: home) as? [String: Any])?["Policy"] as? [String: Any])?[
                    "PolicySummary"] as? [String: Any])?["Id"] as? String)
        try moto.aws(["organizations", "attach-policy", "--policy-id", policy, "--target-id", ou], home: home)
        try write(
            """
            [profile mgmt]
            region = us-east-1

            [profile central]
            role_arn = arn:aws:iam::\(central):role/OrganizationAccountAccessRole
            source_profile = mgmt
            role_session_name = vaultwatch
            region = us-east-1
            """, to: ".aws/config")
        return (central, ou)
    }

    /// The central account's vaults, key and alert rule, made with the AWS CLI as the central profile.
    func centralAccount(_ moto: LocalMoto) throws {
        let central: [String: String?] = ["AWS_PROFILE": "central", "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil]
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "WORM_vault"], home: home, extra: central)
        try moto.aws(
            ["backup", "put-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault", "--min-retention-days", "7",
             "--max-retention-days", "30", "--changeable-for-days", "3"], home: home, extra: central)
        let key = try #require(
            ((try moto.aws(["kms", "create-key"], home: home, extra: central) as? [String: Any])?["KeyMetadata"] as? [String: Any])?[
                "Arn"] as? String)
        try moto.aws(["kms", "create-alias", "--alias-name", "alias/central-backup", "--target-key-id", key], home: home, extra: central)
        try moto.aws(
            ["backup", "create-backup-vault", "--backup-vault-name", "central-backup-vault", "--encryption-key-arn", key], home: home,
            extra: central)
        try moto.aws(
            ["backup", "put-backup-vault-lock-configuration", "--backup-vault-name", "central-backup-vault", "--min-retention-days", "5"],
            home: home, extra: central)
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "scratch"], home: home, extra: central)
        let pattern = #"{"source":["aws.backup"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["backup.amazonaws.com"],"eventName":["DeleteBackupVault","DeleteRecoveryPoint","PutBackupVaultAccessPolicy","DeleteBackupVaultAccessPolicy","PutBackupVaultLockConfiguration","DeleteBackupVaultLockConfiguration","PutBackupVaultNotifications","DeleteBackupVaultNotifications","UpdateRecoveryPointLifecycle","StartCopyJob","StartRestoreJob"]}}"#
        try moto.aws(["events", "put-rule", "--name", "central-backup-alerts", "--event-pattern", pattern], home: home, extra: central)
        try moto.aws(
            ["events", "put-targets", "--rule", "central-backup-alerts", "--targets",
             #"[{"Id":"sns","Arn":"arn:aws:sns:us-east-1:111122223333:central-backup-vault-alerts"}]"#], home: home, extra: central)
        try moto.aws(["events", "put-rule", "--name", "nightly-report", "--schedule-expression", "rate(1 day)"], home: home, extra: central)
    }

    @Test func theAccountOfAProfileIsReadAsTheCLIReachesItAndJudged() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let moto = try LocalMoto()
        let (central, ou) = try organization(moto)
        try centralAccount(moto)
        try write(
            """
            # The central backup account, read as the AWS CLI's profile "central"; the organization
            # walked with the management account's profile.
            [[account]]
            profile = "central"
            organizations_profile = "mgmt"

            [guardrails]
            admin_arns = ["arn:aws:iam::\(central):role/BackupVaultAdmin"]
            """, to: ".config/vaultwatch/config.toml")

        let sync = try vaultwatch(["sync", "--once", "--store", home + "/store"], moto: moto)
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stdout.contains("aws central us-east-1 \(central) us-east-1 ok: 3 vaults"), "\(sync.stdout)")
        // moto lacks recovery points, jobs, access policies and notifications: said, not fatal.
        #expect(sync.stderr.contains("could not read ListRecoveryPointsByBackupVault on WORM_vault: the endpoint does not offer this operation (HTTP 404)"), "\(sync.stderr)")

        let listed = try vaultwatch(["vaults", "--json", "--store", home + "/store"], moto: moto)
        let vaults = try #require(try Self.json(listed.stdout) as? [[String: Any]])
        #expect(vaults.map { $0["name"] as? String } == ["WORM_vault", "central-backup-vault", "scratch"])
        #expect(vaults.allSatisfy { $0["accountId"] as? String == central && $0["region"] as? String == "us-east-1" })
        let worm = vaults[0]
        #expect(worm["lockState"] as? String == "grace")
        #expect(worm["minRetentionDays"] as? Int == 7 && worm["maxRetentionDays"] as? Int == 30)
        #expect((worm["secondsUntilLockDate"] as? Int).map { (3 * 86_400 - 120...3 * 86_400).contains($0) } == true)
        #expect(vaults[1]["encryptionKeyType"] as? String == "CUSTOMER_MANAGED_KMS_KEY")
        #expect(vaults[2]["lockState"] as? String == "none")
        // Points moto cannot list are unknown, not 0, in --json and in the table.
        #expect(worm["recoveryPoints"] == nil, "\(worm)")
        #expect((worm["recoveryPointsUnreadable"] as? String)?.contains("HTTP 404") == true, "\(worm)")
        let table = try vaultwatch(["vaults", "--store", home + "/store"], moto: moto)
        #expect(table.stdout.split(separator: "\n").filter { $0.hasSuffix("? (unreadable)") }.count == 3, "\(table.stdout)")

        let checked = try vaultwatch(["guardrails", "check", "--json", "--store", home + "/store"], moto: moto)
        let report = try #require(try Self.json(checked.stdout) as? [String: Any], "\(checked)")
        let results = try #require(report["results"] as? [[String: Any]])
        func result(_ id: String, vault: String? = nil) -> [String: Any]? {
            results.first { $0["check"] as? String == id && (vault == nil || $0["vault"] as? String == vault) }
        }
        // The SCPs, level by level: the OU's Deny binds the central account (FullAWSAccess at each level).
        let scp = try #require(result("org.scp.backup_guardrail"), "\(results.map { $0["check"] ?? "" })")
        #expect(scp["verdict"] as? String != "UNKNOWN", "\(scp)")
        #expect((scp["reason"] as? String)?.contains("No SCP is known") == false, "\(scp)")
        // The rule read from EventBridge is what the alert checks judge (the scheduled one is not).
        let enabled = try #require(result("alerts.rule.enabled"))
        #expect(enabled["verdict"] as? String == "PASS", "\(enabled)")
        #expect((enabled["evidence"] as? [String]) == ["central-backup-alerts → arn:aws:sns:us-east-1:111122223333:central-backup-vault-alerts"])
        #expect(result("vault.kms.customer_managed", vault: "central-backup-vault")?["verdict"] as? String == "PASS")
        #expect(result("vault.lock.enabled", vault: "scratch")?["verdict"] as? String == "FAIL")

        // The organization path is in the store: root, the OU, the account, each with its SCPs.
        let policies = try String(contentsOfFile: home + "/store/policies.jsonl", encoding: .utf8)
        #expect(policies.contains(#""type":"organization""#))
        #expect(policies.contains(ou))
        #expect(policies.contains("CentralBackupServiceControlPolicy"))
    }

    @Test func aMemberAccountThatMayNotWalkTheOrganizationSaysSoAndTheSCPCheckIsUnknown() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let moto = try LocalMoto()
        _ = try organization(moto)
        try centralAccount(moto)
        let sync = try vaultwatch(["sync", "--once", "--profile", "central", "--store", home + "/store"], moto: moto)
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stderr.contains("could not read Organizations:"), "\(sync.stderr)")
        let checked = try vaultwatch(["guardrails", "check", "--json", "--store", home + "/store"], moto: moto)
        let results = try #require((try Self.json(checked.stdout) as? [String: Any])?["results"] as? [[String: Any]], "\(checked)")
        let scp = try #require(results.first { $0["check"] as? String == "org.scp.backup_guardrail" })
        #expect(scp["verdict"] as? String == "UNKNOWN")
        #expect((scp["reason"] as? String)?.contains("could not be read") == true, "\(scp)")
    }

    @Test func withNoCredentialsTheErrorSaysWhereItLookedAndWhatToRun() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let moto = try LocalMoto()
        let sync = try vaultwatch(["sync", "--once", "--store", home + "/store"], moto: moto)
        #expect(sync.status != 0)
        #expect(sync.stderr.contains("credentials"), "\(sync.stderr)")
        #expect(sync.stderr.contains(home + "/.aws/credentials"), "\(sync.stderr)")
        // Said once on stderr, not once as it failed and again on the way out.
        #expect(sync.stderr.split(separator: "\n").filter { $0.contains("credentials") }.count == 1, "\(sync.stderr)")
        #expect(sync.stdout.contains(" failed: credentials"), "\(sync.stdout)")
        let typo = try vaultwatch(["sync", "--once", "--profile", "nope", "--store", home + "/store"], moto: moto)
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("the config profile \"nope\" (from --profile) could not be found"), "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home + "/store-typo"))
        let typoStore = try vaultwatch(["sync", "--once", "--profile", "nope", "--store", home + "/store-typo"], moto: moto)
        #expect(typoStore.status != 0 && !FileManager.default.fileExists(atPath: home + "/store-typo"), "a mistake leaves no store")
    }
}
