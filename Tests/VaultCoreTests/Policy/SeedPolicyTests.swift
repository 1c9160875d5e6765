import Testing
import VaultCore

/// The seeds' own vault access policy and SCP, as deployed and subtly broken.
@Suite struct SeedPolicyTests {
    typealias Seed = SeedPolicies

    struct Row: Sendable, CustomTestStringConvertible {
        let principal: String
        let action: String
        let outcome: PolicyOutcome
        init(_ principal: String, _ action: String, _ outcome: PolicyOutcome) {
            self.principal = principal
            self.action = action
            self.outcome = outcome
        }
        var testDescription: String { "\(principal) \(action) → \(outcome)" }
    }

    static let vaultPolicyRows: [Row] = [
        .init(Seed.intern, "PutBackupVaultLockConfiguration", .explicitlyDenied),
        .init(Seed.intern, "StartRestoreJob", .explicitlyDenied),
        .init(Seed.root, "DeleteBackupVaultLockConfiguration", .explicitlyDenied),
        .init(Seed.admin, "PutBackupVaultLockConfiguration", .notApplicable),
        .init(Seed.stackSet, "PutBackupVaultAccessPolicy", .notApplicable),
        // The article's list leaves recovery points out: the vault policy alone does not deny their deletion.
        .init(Seed.intern, "DeleteRecoveryPoint", .notApplicable),
        .init(Seed.intern, "UpdateRecoveryPointLifecycle", .notApplicable),
    ]

    @Test(arguments: vaultPolicyRows) func vaultPolicy(_ row: Row) throws {
        let decision = try Seed.vaultPolicy().evaluate(Seed.request(row.principal, row.action), as: .resourcePolicy)
        #expect(decision.outcome == row.outcome, "\(decision.reason)")
    }

    @Test func vaultPolicyDenialNamesTheStatementAndTheExemptRoles() throws {
        let decision = try Seed.vaultPolicy().evaluate(
            Seed.request(Seed.intern, "StartCopyJob"), as: .resourcePolicy)
        #expect(
            decision.deciding == [
                StatementMatch(
                    policyName: "access policy of central-backup-vault", policyKind: .resourcePolicy,
                    statementLabel: "Sid \"DenyAllButVaultAdmins\"", effect: .deny,
                    reason: "Deny applies: aws:PrincipalArn arn:aws:iam::111122223333:role/Intern is not like any of "
                        + "[\(Seed.admin), \(Seed.stackSet)]", sid: "DenyAllButVaultAdmins", index: 0)
            ])
        #expect(decision.reason.hasPrefix("explicitly denied by access policy of central-backup-vault, Sid"))
    }

    static let scpRows: [Row] = AlertRule.seedSensitiveActions.flatMap { action in
        [
            Row(Seed.intern, action, .explicitlyDenied), Row(Seed.root, action, .explicitlyDenied),
            Row(Seed.admin, action, .notApplicable), Row(Seed.stackSet, action, .notApplicable),
        ]
    }

    @Test(arguments: scpRows) func scp(_ row: Row) throws {
        let decision = try Seed.scp().evaluate(Seed.request(row.principal, row.action), as: .serviceControlPolicy)
        #expect(decision.outcome == row.outcome, "\(decision.reason)")
    }

    @Test func scpScopedToTheVaultArnDoesNotReachARecoveryPointArn() throws {
        // DeleteRecoveryPoint is authorized against the recovery point's ARN, not the vault's.
        let request = Seed.request(Seed.intern, "DeleteRecoveryPoint", on: Seed.recoveryPointArn)
        #expect(try Seed.scp().evaluate(request, as: .serviceControlPolicy).outcome == .notApplicable)
    }

    // MARK: a typo in a role ARN

    @Test func typoInTheAdminArnDeniesTheAdmin() throws {
        let typo = "arn:aws:iam::111122223333:role/BackupVaultAdmn"
        let vaultPolicy = try Seed.vaultPolicy(Seed.vaultPolicyText(admins: [typo, Seed.stackSet]))
        let scp = try Seed.scp(Seed.scpText(admins: [typo, Seed.stackSet]))
        let request = Seed.request(Seed.admin, "PutBackupVaultLockConfiguration")
        #expect(vaultPolicy.evaluate(request, as: .resourcePolicy).outcome == .explicitlyDenied)
        #expect(scp.evaluate(request, as: .serviceControlPolicy).outcome == .explicitlyDenied)
        let decision = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: [scp])
        #expect(decision.outcome == .denied)
        // Every applying Deny is cited: the vault access policy's first, then the SCPs'.
        #expect(decision.deciding.map(\.policyKind) == [.resourcePolicy, .serviceControlPolicy])
        #expect(decision.reason.hasPrefix("denied by access policy of central-backup-vault, Sid \"DenyAllButVaultAdmins\""))
    }

    // MARK: StringLike where ArnLike was meant

    struct LikeRow: Sendable, CustomTestStringConvertible {
        let exempt: String
        let principal: String
        let arnNotLike: PolicyOutcome
        let stringNotLike: PolicyOutcome
        var testDescription: String { "\(exempt) for \(principal)" }
    }

    static let memberAdmin = "arn:aws:iam::444455556666:role/BackupVaultAdmin"

    /// With the exact ARNs both operators agree; they part when a wildcard would cross a colon. `ArnLike`
    /// matches segment by segment, so `*:role/BackupVaultAdmin` (two segments) is no ARN and exempts no one;
    /// `StringLike` lets the `*` run over the partition, service, region and account, exempting a role of
    /// that name in any account.
    static let likeRows: [LikeRow] = [
        .init(exempt: Seed.admin, principal: Seed.admin, arnNotLike: .notApplicable, stringNotLike: .notApplicable),
        .init(
            exempt: Seed.admin, principal: Seed.intern, arnNotLike: .explicitlyDenied, stringNotLike: .explicitlyDenied),
        .init(
            exempt: Seed.admin, principal: memberAdmin, arnNotLike: .explicitlyDenied, stringNotLike: .explicitlyDenied),
        .init(
            exempt: "*:role/BackupVaultAdmin", principal: Seed.admin,
            arnNotLike: .explicitlyDenied, stringNotLike: .notApplicable),
        .init(
            exempt: "*:role/BackupVaultAdmin", principal: memberAdmin,
            arnNotLike: .explicitlyDenied, stringNotLike: .notApplicable),
        .init(
            exempt: "arn:aws:iam::*:role/BackupVaultAdmin", principal: memberAdmin,
            arnNotLike: .notApplicable, stringNotLike: .notApplicable),
        .init(
            exempt: "arn:aws:iam::*BackupVaultAdmin", principal: Seed.admin,
            arnNotLike: .explicitlyDenied, stringNotLike: .notApplicable),
        .init(
            exempt: "arn:aws:iam::111122223333:role/backupvaultadmin", principal: Seed.admin,
            arnNotLike: .explicitlyDenied, stringNotLike: .explicitlyDenied),
    ]

    @Test(arguments: likeRows) func stringLikeWhereArnLikeWasMeant(_ row: LikeRow) throws {
        let request = Seed.request(row.principal, "DeleteBackupVault")
        for (test, expected) in [("ArnNotLike", row.arnNotLike), ("StringNotLike", row.stringNotLike)] {
            let scp = try Seed.scp(Seed.scpText(admins: [row.exempt], test: test))
            #expect(scp.evaluate(request, as: .serviceControlPolicy).outcome == expected, "\(test)")
        }
    }

    // MARK: a missing action

    @Test func scpWithoutDeleteRecoveryPointLeavesANonAdminFreeToDeleteRecoveryPoints() throws {
        let actions = AlertRule.seedSensitiveActions.filter { $0 != "DeleteRecoveryPoint" }
        let scp = try Seed.scp(Seed.scpText(actions: actions))
        let request = Seed.request(Seed.intern, "DeleteRecoveryPoint")
        let decision = Guardrails.decide(request, vaultPolicy: try Seed.vaultPolicy(), scps: [scp])
        #expect(decision.outcome == .notDenied(allowedOutright: false))
        #expect(
            decision.reason
                == "not denied: nothing in the vault access policy or the SCPs denies it; the principal's own IAM "
                + "policies decide; the SCPs hold only Deny statements, so the default FullAWSAccess SCP is assumed")
        let intact = Guardrails.decide(request, vaultPolicy: try Seed.vaultPolicy(), scps: [try Seed.scp()])
        #expect(intact.outcome == .denied)
    }

    @Test func vaultPolicyWithoutPutBackupVaultAccessPolicyStillHasTheScp() throws {
        let actions = Seed.vaultPolicyActions.filter { $0 != "PutBackupVaultAccessPolicy" }
        let vaultPolicy = try Seed.vaultPolicy(Seed.vaultPolicyText(actions: actions))
        let request = Seed.request(Seed.intern, "PutBackupVaultAccessPolicy")
        #expect(vaultPolicy.evaluate(request, as: .resourcePolicy).outcome == .notApplicable)
        let decision = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: [try Seed.scp()])
        #expect(decision.outcome == .denied)
        #expect(decision.deciding.map(\.policyKind) == [.serviceControlPolicy])
        let withoutScp = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: [])
        #expect(withoutScp.outcome == .notDenied(allowedOutright: false))
        #expect(withoutScp.reason.hasSuffix("no SCP supplied, so the default FullAWSAccess SCP is assumed"))
    }

    @Test func everySensitiveActionForANonAdmin() throws {
        let answers = Guardrails.decide(
            actions: Guardrails.sensitiveActions, principalArn: Seed.intern, vaultArn: Seed.vaultArn,
            orgID: Seed.organization, vaultPolicy: try Seed.vaultPolicy(), scps: [try Seed.scp()])
        #expect(answers.count == 11)
        #expect(answers.allSatisfy { $0.decision.outcome == .denied })
        let adminAnswers = Guardrails.decide(
            actions: Guardrails.sensitiveActions, principalArn: Seed.admin, vaultArn: Seed.vaultArn,
            orgID: Seed.organization, vaultPolicy: try Seed.vaultPolicy(), scps: [try Seed.scp()])
        #expect(adminAnswers.allSatisfy { $0.decision.outcome == .notDenied(allowedOutright: false) })
    }
}
