import Foundation
import Testing
import VaultCore

/// One document's answer: explicit Deny wins, Allow decides only when no Deny applies or might.
@Suite struct PolicyEvaluationTests {
    typealias Seed = SeedPolicies

    static let denyInterns =
        #"{"Sid": "DenyInterns", "Effect": "Deny", "Principal": {"AWS": "\#(Seed.intern)"}, "#
        + #""Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#
    static let allowAccount =
        #"{"Sid": "AllowAccount", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "#
        + #""Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#
    static let undecidedDeny =
        #"{"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*", "#
        + #""Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}"#
    static let undecidedAllow =
        #"{"Effect": "Allow", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*", "#
        + #""Condition": {"StringEquals": {"aws:PrincipalTag/team": "backup"}}}"#

    static func decide(_ statements: [String], for principal: String = Seed.intern) throws -> PolicyDecision {
        let text = #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ", "))]}"#
        let request = AccessRequest(
            principalArn: principal, action: "backup:DeleteRecoveryPoint", resource: Seed.vaultArn)
        return try PolicyDocument.parse(text, name: "vault policy").evaluate(request, as: .resourcePolicy)
    }

    @Test func explicitDenyWinsOverAllow() throws {
        let decision = try Self.decide([Self.allowAccount, Self.denyInterns])
        #expect(decision.outcome == .explicitlyDenied)
        #expect(decision.deciding.map(\.statementLabel) == [#"Sid "DenyInterns""#])
        #expect(
            decision.reason
                == #"explicitly denied by vault policy, Sid "DenyInterns" (Deny applies: it covers "#
                + "backup:DeleteRecoveryPoint on \(Seed.vaultArn) without conditions)")
    }

    @Test func allowDecidesWhenNoDenyApplies() throws {
        let decision = try Self.decide([Self.allowAccount, Self.denyInterns], for: Seed.admin)
        #expect(decision.outcome == .allowed)
        #expect(decision.deciding.map(\.effect) == [.allow])
        #expect(decision.reason.hasPrefix(#"allowed by vault policy, Sid "AllowAccount""#))
    }

    @Test func noStatementApplies() throws {
        let decision = try Self.decide([Self.denyInterns], for: Seed.admin)
        #expect(
            decision
                == PolicyDecision(outcome: .notApplicable, deciding: [], reason: "no statement of vault policy applies")
        )
    }

    @Test func anApplyingDenySettlesWhatAnotherStatementLeavesOpen() throws {
        #expect(try Self.decide([Self.undecidedDeny, Self.denyInterns]).outcome == .explicitlyDenied)
        #expect(try Self.decide([Self.undecidedAllow, Self.denyInterns]).outcome == .explicitlyDenied)
    }

    @Test func aDenyThatMightApplyLeavesAnAllowUnknown() throws {
        let decision = try Self.decide([Self.allowAccount, Self.undecidedDeny], for: Seed.admin)
        #expect(decision.outcome == .unknown)
        #expect(
            decision.reason
                == #"unknown: vault policy, statement 2 (Deny undecided: condition key "aws:MultiFactorAuthAge" "#
                + "is not known for this request)")
        #expect(decision.deciding.map(\.missingKeys) == [["aws:MultiFactorAuthAge"]])
    }

    @Test func anAllowThatMightApplyIsUnknown() throws {
        let decision = try Self.decide([Self.undecidedAllow], for: Seed.admin)
        #expect(decision.outcome == .unknown)
        #expect(decision.reason.contains(#"condition key "aws:PrincipalTag/team" is not known for this request"#))
    }

    @Test func anUndecidableConditionOnAnotherActionDecidesNothing() throws {
        let otherAction = Self.undecidedDeny.replacingOccurrences(of: "backup:DeleteRecoveryPoint", with: "s3:GetObject")
        #expect(try Self.decide([otherAction, Self.allowAccount], for: Seed.admin).outcome == .allowed)
    }

    @Test func documentInvalidForItsKindIsUnknown() throws {
        let request = Seed.request(Seed.intern, "DeleteBackupVault")
        let scpWithPrincipal = try Seed.scp(
            statementDocument(#""Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*""#))
        let decision = scpWithPrincipal.evaluate(request, as: .serviceControlPolicy)
        #expect(decision.outcome == .unknown)
        #expect(
            decision.reason
                == "unknown: SCP central-backup-vault-guardrail, Statement[0].Principal (not a valid service control "
                + "policy: an SCP statement must not name a principal)")
        let vaultPolicyWithoutPrincipal = try Seed.vaultPolicy(Seed.scpText())
        #expect(vaultPolicyWithoutPrincipal.evaluate(request, as: .resourcePolicy).outcome == .unknown)
    }

    @Test func scpStatementsBindEveryPrincipal() throws {
        let scp = try Seed.scp(statementDocument(#""Effect": "Deny", "Action": "backup:Delete*", "Resource": "*""#))
        for principal in [Seed.intern, Seed.admin, Seed.root, "arn:aws:iam::444455556666:user/ops"] {
            #expect(
                scp.evaluate(Seed.request(principal, "DeleteBackupVault"), as: .serviceControlPolicy).outcome
                    == .explicitlyDenied)
        }
    }

    @Test func conditionReasonsSayWhyTheStatementApplies() throws {
        let statement =
            #"{"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteBackupVault", "Resource": "*", "Condition": {"#
            + #""StringNotEqualsIfExists": {"aws:SourceAccount": "111122223333"}, "#
            + #""Null": {"aws:PrincipalOrgID": "false"}, "#
            + #""ForAnyValue:StringLike": {"aws:PrincipalAccount": ["4444*", "1111*"]}}}"#
        let text = #"{"Version": "2012-10-17", "Statement": [\#(statement)]}"#
        let request = Seed.request(Seed.intern, "DeleteBackupVault")
        let decision = try PolicyDocument.parse(text, name: "p").evaluate(request, as: .resourcePolicy)
        #expect(
            decision.deciding.first?.reason
                == "Deny applies: aws:PrincipalAccount has 111122223333, which is like any of [4444*, 1111*]; "
                + "aws:PrincipalOrgID is present (o-a1b2c3d4e5); "
                + "aws:SourceAccount is absent, so StringNotEqualsIfExists holds")
    }
}
