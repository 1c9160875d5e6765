import Testing
import VaultCore

/// Every statement's verdict, with the reason a statement does not apply.
@Suite struct PolicyExplanationTests {
    typealias Seed = SeedPolicies

    static let policy = #"""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "DenyAllButVaultAdmins", "Effect": "Deny", "Principal": "*", "Action": ["backup:DeleteRecoveryPoint", "backup:DeleteBackupVault"],
           "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": ["\#(Seed.admin)", "\#(Seed.stackSet)"]}}},
          {"Sid": "AllowCopyIn", "Effect": "Allow", "Principal": "*", "Action": "backup:CopyIntoBackupVault",
           "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "\#(Seed.organization)"}}},
          {"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "NotAction": "backup:Describe*",
           "Resource": "*"},
          {"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "NotResource": "arn:aws:backup:*",
           "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["x"]}}},
          {"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*",
           "Condition": {"Null": {"aws:PrincipalOrgID": "true"}}},
          {"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*",
           "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}},
          {"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333", "\#(Seed.admin)"]}, "Action": "backup:DeleteRecoveryPoint",
           "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 60}}}
        ]}
        """#

    @Test func everyStatementSaysWhyItDoesOrDoesNotApply() throws {
        let document = try PolicyDocument.parse(Self.policy, name: "v")
        let traces = document.explain(Seed.request(Seed.admin, "DeleteRecoveryPoint"), as: .resourcePolicy)
        #expect(
            traces.map(\.verdict) == [
                .doesNotApply, .doesNotApply, .doesNotApply, .doesNotApply, .doesNotApply, .doesNotApply,
                .doesNotApply,
            ])
        #expect(
            traces.map(\.statement.reason) == [
                "Deny does not apply: aws:PrincipalArn \(Seed.admin) is like \(Seed.admin), so ArnNotLike fails",
                "Allow does not apply: Action does not cover backup:DeleteRecoveryPoint",
                "Deny does not apply: Principal does not name \(Seed.admin)",
                "Deny does not apply: NotResource covers \(Seed.vaultArn)",
                "Deny does not apply: aws:PrincipalOrgID is present (\(Seed.organization)), so Null fails",
                "Deny does not apply: aws:SourceAccount is absent, so StringEquals fails",
                "Deny does not apply: NotPrincipal exempts \(Seed.admin)",
            ])
        #expect(traces[0].statement.statementLabel == #"Sid "DenyAllButVaultAdmins""#)
    }

    @Test func tracesAgreeWithTheDecision() throws {
        let document = try PolicyDocument.parse(Self.policy, name: "v")
        let request = Seed.request(Seed.intern, "DeleteRecoveryPoint")
        let traces = document.explain(request, as: .resourcePolicy)
        #expect(
            traces.map(\.verdict) == [
                .applies, .doesNotApply, .doesNotApply, .doesNotApply, .doesNotApply, .doesNotApply, .undecided,
            ])
        #expect(document.evaluate(request, as: .resourcePolicy).outcome == .explicitlyDenied)
        #expect(
            traces[6].statement.reason
                == #"Deny undecided: condition key "aws:MultiFactorAuthAge" is not known for this request"#)
    }

    @Test func failingConditionsAreNamed() throws {
        let text = statementDocument(
            #""Effect": "Deny", "Principal": "*", "Action": "backup:X", "Resource": "*", "Condition": {"#
                + #""ForAllValues:StringLike": {"aws:TagKeys": ["team*"]}, "#
                + #""StringEqualsIgnoreCase": {"aws:PrincipalOrgID": ["O-X", "O-Y"]}}"#)
        let document = try PolicyDocument.parse(text, name: "v")
        func reason(_ context: [String: [String]]) -> String? {
            let request = AccessRequest(
                principalArn: Seed.intern, action: "backup:X", resource: Seed.vaultArn, context: RequestContext(context)
            )
            return document.explain(request, as: .resourcePolicy).first?.statement.reason
        }
        #expect(
            reason(["aws:TagKeys": ["team-a", "cost"], "aws:PrincipalOrgID": ["o-x"]])
                == "Deny does not apply: a value of aws:TagKeys fails: aws:TagKeys cost is not like team*")
        #expect(
            reason(["aws:TagKeys": ["team-a"], "aws:PrincipalOrgID": ["o-z"]])
                == "Deny does not apply: aws:PrincipalOrgID o-z does not equal, ignoring case, any of [O-X, O-Y]")
        #expect(reason(["aws:TagKeys": ["team-a"], "aws:PrincipalOrgID": ["o-y"]])?.hasPrefix("Deny applies") == true)
    }
}
