import Foundation
import Testing
import VaultCore

/// The access-policy and SCP controls on the seeds' documents, and on the ways each is subtly broken.
@Suite struct PolicyPostureTests {
    typealias Seed = SeedPolicies
    static let deletionActions = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "PutBackupVaultAccessPolicy",
        "DeleteBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
    ]
    /// The SCP of the demo: the vault and every recovery point of the account.
    static let scpText = """
        {"Version": "2012-10-17",
         "Statement": [{"Sid": "DenyVaultChanges", "Effect": "Deny",
           "Action": [\(Seed.quoted(AlertRule.seedSensitiveActions, prefix: "backup:"))],
           "Resource": ["\(Seed.vaultArn)", "arn:aws:backup:*:111122223333:recovery-point:*"],
           "Condition": {"ArnNotLike": {"aws:PrincipalArn": ["\(Seed.admin)", "\(Seed.stackSet)"]}}}]}
        """

    func results(policy: String?, scps: [String] = [scpText]) -> [String: PostureResult] {
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        state.apply(.policy(.accessPolicy(of: Fixture.key("central-backup-vault"), document: policy, at: Fixture.now)))
        for (i, scp) in scps.enumerated() {
            state.apply(.policy(.serviceControlPolicy(named: "scp-\(i)", document: scp, at: Fixture.now)))
        }
        var settings = GuardrailSettings.seed(account: Fixture.account)
        settings.organizationId = Seed.organization
        let report = PostureChecks.evaluate(GuardrailInputs(state: state, rules: [], settings: settings), at: Fixture.now)
        return Dictionary(uniqueKeysWithValues: report.results.map { ($0.checkId, $0) })
    }

    static var seedPolicy: String { Seed.vaultPolicyText(actions: deletionActions + ["StartCopyJob", "StartRestoreJob"]) }

    @Test func theSeedsPoliciesHold() throws {
        let r = results(policy: Self.seedPolicy)
        for id in [
            "vault.policy.denies_deletion", "vault.policy.admins_exempt", "vault.policy.no_public_allow",
            "vault.guardrails.sensitive_actions", "org.scp.backup_guardrail",
        ] {
            #expect(r[id]?.verdict == .pass, "\(id): \(r[id]?.reason ?? "missing")")
        }
        let evidence = try #require(r["vault.policy.denies_deletion"]).evidence
        #expect(evidence.contains { $0.hasPrefix("access policy of central-backup-vault, Sid \"DenyAllButVaultAdmins\"") })
        #expect(evidence.last == "Sid \"DenyAllButVaultAdmins\" spares ArnNotLike aws:PrincipalArn \(Seed.admin), \(Seed.stackSet)")
    }

    @Test func aTypoInAnExemptedRoleLocksTheAdminOut() throws {
        let typo = Seed.vaultPolicyText(
            actions: Self.deletionActions, admins: ["arn:aws:iam::111122223333:role/BackupVaultAdmn", Seed.stackSet])
        let r = try #require(results(policy: typo)["vault.policy.admins_exempt"])
        #expect(r.verdict == .fail)
        #expect(r.reason.contains("is an exempted ARN mistyped"))
        #expect(r.evidence.first?.hasPrefix("DeleteRecoveryPoint by \(Seed.admin): ") == true)
        // And whoever creates a role of the mistyped name would be spared.
        let open = try #require(results(policy: typo)["vault.policy.denies_deletion"])
        #expect(open.verdict == .fail)
        #expect(open.evidence.first?.contains("role/BackupVaultAdmn (exempted, not an admin)") == true, "\(open.evidence)")
    }

    @Test func stringNotEqualsWhereArnNotLikeWasMeantDoesNotExpandTheWildcard() throws {
        let wildcard = Seed.vaultPolicyText(
            actions: Self.deletionActions, admins: ["arn:aws:iam::111122223333:role/Backup*", Seed.stackSet], test: "StringNotEquals")
        #expect(results(policy: wildcard)["vault.policy.admins_exempt"]?.verdict == .fail)
        let meant = Seed.vaultPolicyText(
            actions: Self.deletionActions, admins: ["arn:aws:iam::111122223333:role/Backup*", Seed.stackSet], test: "ArnNotLike")
        #expect(results(policy: meant)["vault.policy.admins_exempt"]?.verdict == .pass)
    }

    @Test func aMissingActionIsNamedAndCaughtByTheScpOnlyIfItsResourceReachesRecoveryPoints() throws {
        let missing = Seed.vaultPolicyText(actions: Self.deletionActions.filter { $0 != "DeleteRecoveryPoint" })
        let r = results(policy: missing)
        let deletion = try #require(r["vault.policy.denies_deletion"])
        #expect(deletion.verdict == .fail)
        #expect(deletion.evidence.first?.hasPrefix("DeleteRecoveryPoint by anyone but the admins: ") == true)
        #expect(r["vault.guardrails.sensitive_actions"]?.verdict == .pass, "the SCP still denies it")

        // The seeds' SCP as the article describes it names only the vault's ARN: DeleteRecoveryPoint is
        // authorized against the recovery point's ARN, so it slips through.
        let vaultOnly = results(policy: missing, scps: [Seed.scpText()])
        let open = try #require(vaultOnly["vault.guardrails.sensitive_actions"])
        #expect(open.verdict == .fail)
        #expect(open.reason.contains("DeleteRecoveryPoint"))
    }

    @Test func aWildcardExemptionWiderThanTheAdminsIsCaughtByTheLookAlikes() throws {
        let wide = Seed.vaultPolicyText(actions: Self.deletionActions, admins: ["arn:aws:iam::111122223333:role/*Admin*", Seed.stackSet])
        let r = try #require(results(policy: wide)["vault.policy.denies_deletion"])
        #expect(r.verdict == .fail)
        #expect(r.evidence.first?.contains("role Impostor-BackupVaultAdmin") == true, "\(r.evidence)")
        #expect(r.evidence.last?.contains("spares ArnNotLike aws:PrincipalArn arn:aws:iam::111122223333:role/*Admin*") == true)
        #expect(results(policy: wide)["vault.policy.admins_exempt"]?.verdict == .pass)
    }

    @Test func aPolicyOnTheOrganizationIsUnknownUntilTheOrganizationIsConfigured() throws {
        let orgOnly = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "backup:*",
              "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "\(Seed.organization)"}}}]}
            """
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        state.apply(.policy(.accessPolicy(of: Fixture.key("central-backup-vault"), document: orgOnly, at: Fixture.now)))
        let report = PostureChecks.evaluate(
            GuardrailInputs(state: state, rules: [], settings: .seed(account: Fixture.account)), at: Fixture.now)
        let r = try #require(report.results.first { $0.checkId == "vault.policy.denies_deletion" })
        #expect(r.verdict == .unknown)
        #expect(r.reason.contains("set organizationId"))
        // Configured, the same policy is judged: it spares every principal of the organization.
        #expect(results(policy: orgOnly)["vault.policy.denies_deletion"]?.verdict == .fail)
    }

    @Test func anScpWithoutTheAdminsExemptionLocksThemOut() throws {
        let everyone = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:*","Resource":"*"}]}"#
        let r = try #require(results(policy: Self.seedPolicy, scps: [everyone])["vault.policy.admins_exempt"])
        #expect(r.verdict == .fail)
        #expect(r.evidence.first?.contains("SCP scp-0") == true, "\(r.evidence)")
    }

    @Test func anScpThatDeniesNothingFailsTheScpCheck() throws {
        let fullAccess = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let r = try #require(results(policy: Self.seedPolicy, scps: [fullAccess])["org.scp.backup_guardrail"])
        #expect(r.verdict == .fail)
        #expect(r.evidence.last == "SCPs do not bind the organization's management account.")
        #expect(results(policy: Self.seedPolicy)["org.scp.backup_guardrail"]?.verdict == .pass)
    }

    @Test func anUnscopedAllowIsPublicAndAnOrgScopedOneIsNot() {
        func allow(_ condition: String) -> String {
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
              "Action": "backup:CopyIntoBackupVault", "Resource": "*"\(condition)}]}
            """
        }
        let open = results(policy: allow(""))["vault.policy.no_public_allow"]
        #expect(open?.verdict == .fail)
        #expect(open?.evidence.first?.hasPrefix("CopyIntoBackupVault: ") == true)
        let scoped = allow(#", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "\#(Seed.organization)"}}"#)
        #expect(results(policy: scoped)["vault.policy.no_public_allow"]?.verdict == .pass)
        // Scoped, but to an organization that is not the account's.
        let elsewhere = allow(#", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}}"#)
        let other = results(policy: elsewhere)["vault.policy.no_public_allow"]
        #expect(other?.verdict == .fail)
        #expect(other?.evidence.first?.hasPrefix("CopyIntoBackupVault (a principal of organization o-zzzzzzzzzz): ") == true)
    }

    @Test func whatCannotBeEvaluatedIsUnknownNeverGuessed() throws {
        let broken = results(policy: #"{"Statement": [{"Effect": "Maybe"}]}"#)
        let r = try #require(broken["vault.policy.denies_deletion"])
        #expect(r.verdict == .unknown)
        #expect(r.reason.hasPrefix("The access policy cannot be read (Statement"))
        let unknownKey = Seed.vaultPolicyText(actions: Self.deletionActions).replacingOccurrences(
            of: "aws:PrincipalArn", with: "aws:PrincipalTag/team")
        #expect(results(policy: unknownKey)["vault.policy.denies_deletion"]?.verdict == .unknown)
    }

    @Test func withoutAnyPolicyTheVaultIsOpenAndTheScpCheckSaysWhatIsMissing() {
        let r = results(policy: nil, scps: [])
        #expect(r["vault.policy.denies_deletion"]?.verdict == .fail)
        #expect(r["vault.guardrails.sensitive_actions"]?.verdict == .fail)
        #expect(r["org.scp.backup_guardrail"]?.verdict == .unknown)
        #expect(r["org.scp.backup_guardrail"]?.reason.contains("--scp FILE") == true)
    }
}
