import Testing
import VaultCore

/// The guardrail question over the vault access policy and the SCPs together.
@Suite struct GuardrailsTests {
    typealias Seed = SeedPolicies

    static func scp(_ name: String, _ statements: String) throws -> PolicyDocument {
        try PolicyDocument.parse(#"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#, name: name)
    }

    static let fullAccess = #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#
    static let s3Only = #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#
    static let undecidedAllow =
        #"{"Effect": "Allow", "Action": "*", "Resource": "*", "#
        + #""Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}"#
    static let undecidedDeny =
        #"{"Sid": "DenyOutsideRegion", "Effect": "Deny", "Action": "*", "Resource": "*", "#
        + #""Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}}"#

    static let request = Seed.request(Seed.intern, "DeleteBackupVault")

    @Test func anExplicitDenyInAnScpWins() throws {
        let decision = Guardrails.decide(Self.request, vaultPolicy: try Seed.vaultPolicy(), scps: [try Seed.scp()])
        #expect(decision.outcome == .denied)
        #expect(
            decision.reason
                == #"denied by SCP central-backup-vault-guardrail, Sid "DenyCentralVaultChanges" (Deny applies: "#
                + "aws:PrincipalArn \(Seed.intern) is not like any of [\(Seed.admin), \(Seed.stackSet)])")
    }

    @Test func anExplicitDenyWinsOverAnUndecidedStatement() throws {
        let scps = [try Self.scp("region", Self.undecidedDeny), try Seed.scp()]
        #expect(Guardrails.decide(Self.request, vaultPolicy: nil, scps: scps).outcome == .denied)
        let vaultDeny = Seed.request(Seed.intern, "StartRestoreJob")
        let decision = Guardrails.decide(
            vaultDeny, vaultPolicy: try Seed.vaultPolicy(), scps: [try Self.scp("region", Self.undecidedDeny)])
        #expect(decision.outcome == .denied)
        #expect(decision.deciding.map(\.policyKind) == [.resourcePolicy])
    }

    @Test func anScpDenyThatMightApplyIsUnknown() throws {
        let decision = Guardrails.decide(
            Seed.request(Seed.admin, "DeleteBackupVault"), vaultPolicy: nil,
            scps: [try Self.scp("region", Self.undecidedDeny)])
        #expect(decision.outcome == .unknown)
        #expect(
            decision.reason
                == #"unknown: SCP region, Sid "DenyOutsideRegion" (Deny undecided: condition key "#
                + #""aws:RequestedRegion" is not known for this request)"#)
    }

    @Test func scpsWithAllowStatementsMustAllowTheAction() throws {
        let denied = Guardrails.decide(Self.request, vaultPolicy: nil, scps: [try Self.scp("s3-only", Self.s3Only)])
        #expect(denied.outcome == .denied)
        #expect(denied.deciding.isEmpty)
        #expect(denied.reason == "denied: no SCP (s3-only) allows backup:DeleteBackupVault on \(Seed.vaultArn)")
        let allowed = Guardrails.decide(
            Self.request, vaultPolicy: nil,
            scps: [try Self.scp("s3-only", Self.s3Only), try Self.scp("FullAWSAccess", Self.fullAccess)])
        #expect(allowed.outcome == .notDenied(allowedOutright: false))
        #expect(
            allowed.reason
                == "not denied: the vault has no access policy and nothing in the SCPs denies it; the principal's own "
                + "IAM policies decide")
    }

    @Test func anScpAllowThatMightApplyIsUnknownWhenNoOtherAllows() throws {
        let open = Guardrails.decide(
            Self.request, vaultPolicy: nil, scps: [try Self.scp("regional", Self.undecidedAllow)])
        #expect(open.outcome == .unknown)
        let settled = Guardrails.decide(
            Self.request, vaultPolicy: nil,
            scps: [try Self.scp("regional", Self.undecidedAllow), try Self.scp("full", Self.fullAccess)])
        #expect(settled.outcome == .notDenied(allowedOutright: false))
    }

    /// Within the vault's account, a vault access policy that names the caller allows it whatever its
    /// identity-based policies say (IAM User Guide, Policy evaluation logic: same-account requests); one that
    /// names only the account is not documented by AWS Backup either way.
    @Test func theVaultPolicysAllowIsReported() throws {
        func policy(_ principal: String) throws -> PolicyDocument {
            try PolicyDocument.parse(
                statementDocument(
                    #""Sid": "AllowIntern", "Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "#
                        + #""Action": "backup:DeleteBackupVault", "Resource": "*""#),
                name: "access policy of central-backup-vault")
        }
        let decision = Guardrails.decide(Self.request, vaultPolicy: try policy(Seed.intern), scps: [])
        #expect(decision.outcome == .notDenied(allowedOutright: true))
        #expect(
            decision.reason
                == #"not denied: access policy of central-backup-vault, Sid "AllowIntern" (Allow applies: it covers "#
                + "backup:DeleteBackupVault on \(Seed.vaultArn) without conditions) allows it and nothing denies it; "
                + "no SCP supplied, so the default FullAWSAccess SCP is assumed")
        let account = Guardrails.decide(Self.request, vaultPolicy: try policy("111122223333"), scps: [])
        #expect(account.outcome == .notDenied(allowedOutright: false))
    }

    @Test func aCallFromAnotherAccountNeedsTheVaultPolicysAllow() throws {
        let member = "arn:aws:iam::444455556666:role/BackupCopier"
        let copy = Seed.request(member, "CopyIntoBackupVault")
        let without = Guardrails.decide(copy, vaultPolicy: try Seed.vaultPolicy(), scps: [try Seed.scp()])
        #expect(without.outcome == .denied)
        #expect(
            without.reason
                == "denied: account 444455556666 is not the vault's account 111122223333, and a call from another "
                + "account needs an Allow in the vault access policy, which has none for it")
        let allowCopyIn =
            #"{"Sid": "AllowOrganizationCopyIn", "Effect": "Allow", "Principal": "*", "#
            + #""Action": "backup:CopyIntoBackupVault", "Resource": "*", "#
            + #""Condition": {"StringEquals": {"aws:PrincipalOrgID": "\#(Seed.organization)"}}}"#
        let vaultPolicy = try PolicyDocument.parse(
            #"{"Version": "2012-10-17", "Statement": [\#(allowCopyIn)]}"#, name: "v")
        // Across accounts both sides must allow: the vault access policy's Allow leaves the caller's own
        // identity-based policies to decide (IAM User Guide, Cross-account policy evaluation logic).
        let with = Guardrails.decide(copy, vaultPolicy: vaultPolicy, scps: [try Seed.scp()])
        #expect(with.outcome == .notDenied(allowedOutright: false))
        let outsider = AccessRequest(
            principalArn: member, action: "backup:CopyIntoBackupVault", resource: Seed.vaultArn)
        #expect(Guardrails.decide(outsider, vaultPolicy: vaultPolicy, scps: []).outcome == .denied)
    }

    @Test func anInvalidScpLeavesTheAnswerUnknown() throws {
        let invalid = try Self.scp(
            "with-principal", #"{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}"#)
        let decision = Guardrails.decide(
            Seed.request(Seed.admin, "DeleteBackupVault"), vaultPolicy: nil, scps: [invalid])
        #expect(decision.outcome == .unknown)
        #expect(decision.reason.contains("not a valid service control policy"))
    }

    /// Asked of the SCPs alone, a call from another account is not refused for want of a vault
    /// policy Allow, and the reason speaks only of the SCPs.
    @Test func theSCPsAloneSayOnlyWhatTheSCPsDo() throws {
        let outsider = Seed.request("arn:aws:iam::444455556666:role/Dev", "DeleteBackupVault")
        let allowAll = try Seed.scp(#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        #expect(Guardrails.decide(outsider, vaultPolicy: nil, scps: [allowAll]).outcome == .denied)
        let scpsOnly = Guardrails.decideBySCPs(outsider, scps: [allowAll])
        #expect(scpsOnly.outcome == .notDenied(allowedOutright: false))
        #expect(scpsOnly.reason.hasPrefix("not denied: nothing in the SCPs denies it;"))
        #expect(Guardrails.decideBySCPs(Self.request, scps: [try Seed.scp()]).outcome == .denied)
    }
}
