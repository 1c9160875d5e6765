import Testing
import VaultCore

/// Keys the request is known not to carry against keys it cannot know, and policy variables.
@Suite struct ContextKeyTests {
    typealias Row = AuthorizationCase
    typealias S = Statements

    static let user = "arn:aws:iam::111122223333:user/alice"

    static func allowIf(_ condition: String) -> [[String]] { [[S.allow("*", S.condition(condition))]] }

    /// Keys IAM sets whenever they apply (a principal tag, aws:SourceArn, …) are absent when the request does
    /// not give them, and the missing-key rules decide; keys the request cannot know leave the answer unknown
    /// and are named, as MissingContextValues names them.
    static let keys: [Row] = [
        Row(name: "an absent principal tag fails StringEquals", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalTag/team": "backup"}}"#), expected: .implicitDeny,
            missing: []),
        Row(name: "the tag given", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalTag/team": "backup"}}"#),
            context: ["aws:PrincipalTag/team": ["backup"]], expected: .allowed),
        Row(name: "an absent tag makes StringNotEquals hold", doc: AWSDoc.conditionOperators,
            identity: [[S.allow(), S.deny("*", S.condition(#"{"StringNotEquals": {"aws:PrincipalTag/team": "backup"}}"#))]],
            expected: .explicitDeny, matched: ["id0#1"]),
        Row(name: "aws:SourceArn absent: Null false fails", doc: AWSDoc.conditionOperators,
            identity: [[S.allow(), S.deny("*", S.condition(#"{"Null": {"aws:SourceArn": "false"}}"#))]], expected: .allowed),
        Row(name: "aws:PrincipalOrgID absent: ForAnyValue fails", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/*"}}"#), expected: .implicitDeny),
        Row(name: "aws:CalledVia absent: ForAllValues holds", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"ForAllValues:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}"#),
            expected: .allowed),
        Row(name: "aws:SourceIp cannot be known", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#), expected: .unknown,
            matched: ["id0#0"], missing: ["aws:SourceIp"]),
        Row(name: "aws:SourceIp given", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#), context: ["aws:SourceIp": ["10.2.3.4"]],
            expected: .allowed),
        Row(name: "IfExists does not settle an unknowable key", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}"#), expected: .unknown,
            missing: ["aws:MultiFactorAuthPresent"]),
        Row(name: "a resource tag cannot be known", doc: AWSDoc.globalKeys,
            identity: [[S.allow(), S.deny("*", S.condition(#"{"StringEquals": {"aws:ResourceTag/lock": "yes"}}"#))]],
            expected: .unknown, matched: ["id0#1"], missing: ["aws:ResourceTag/lock"]),
        Row(name: "an AWS Backup key not given", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"backup:CopyTargets": "arn:aws:backup:*"}}"#), expected: .unknown,
            missing: ["backup:CopyTargets"]),
        Row(name: "every missing key, once, sorted", doc: AWSDoc.globalKeys,
            identity: [[
                S.allow("*", S.condition(#"{"StringEquals": {"aws:RequestedRegion": "us-east-1", "aws:SourceVpce": "v"}}"#)),
                S.allow("*", S.condition(#"{"StringEquals": {"aws:requestedregion": "eu-west-1"}}"#)),
            ]],
            expected: .unknown, matched: ["id0#0", "id0#1"], missing: ["aws:RequestedRegion", "aws:SourceVpce"]),
        Row(name: "a Deny that applies settles an undecidable one", doc: AWSDoc.evaluationLogic,
            identity: [[S.allow(), S.deny(), S.deny("*", S.condition(#"{"Bool": {"aws:SecureTransport": "false"}}"#))]],
            expected: .explicitDeny, matched: ["id0#1"]),
        Row(name: "aws:PrincipalType is derived", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalType": "AssumedRole"}}"#), expected: .allowed),
        Row(name: "aws:PrincipalAccount is derived", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#), expected: .allowed),
        Row(name: "aws:username of a user", doc: AWSDoc.globalKeys, caller: user,
            identity: allowIf(#"{"StringEquals": {"aws:username": "alice"}}"#), expected: .allowed),
        Row(name: "a role session has no aws:username", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:username": "alice"}}"#), expected: .implicitDeny),
        Row(name: "aws:userid of root is its account", doc: AWSDoc.globalKeys, caller: "arn:aws:iam::111122223333:root",
            vault: [S.vault("Deny", #""*""#, "backup:DeleteRecoveryPoint", S.condition(#"{"StringEquals": {"aws:userid": "111122223333"}}"#))],
            expected: .explicitDeny),
        Row(name: "aws:PrincipalIsAWSService is false for a role", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"Bool": {"aws:PrincipalIsAWSService": "false"}}"#), expected: .allowed),
        Row(name: "aws:ResourceAccount is the resource's", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:ResourceAccount": "111122223333"}}"#), expected: .allowed),
        Row(name: "the context wins over what is derived", doc: AWSDoc.globalKeys,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalType": "AssumedRole"}}"#),
            context: ["aws:PrincipalType": ["User"]], expected: .implicitDeny),
        Row(name: "NumericLessThan on a given key", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#),
            context: ["aws:MultiFactorAuthAge": ["120"]], expected: .allowed),
        Row(name: "DateGreaterThan on a given key", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#),
            context: ["aws:CurrentTime": ["2026-11-22T12:00:00Z"]], expected: .allowed),
        Row(name: "DateLessThan, epoch seconds", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"DateLessThan": {"aws:EpochTime": "1700000000"}}"#),
            context: ["aws:EpochTime": ["1800000000"]], expected: .implicitDeny),
        Row(name: "NotIpAddress, IPv6", doc: AWSDoc.conditionOperators,
            identity: allowIf(#"{"NotIpAddress": {"aws:SourceIp": "2001:db8::/32"}}"#),
            context: ["aws:SourceIp": ["2001:db8::1"]], expected: .implicitDeny),
    ]

    /// Under Version 2012-10-17 a variable is replaced by the request's value (or its default); without a
    /// value it matches nothing; a variable on a key the request cannot know leaves the statement undecided;
    /// under 2008-10-17 `${…}` is text.
    static let variables: [Row] = [
        Row(name: "${aws:username} in Resource", doc: AWSDoc.variables, caller: user,
            resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:alice",
            identity: [[S.allow(resource: "arn:aws:backup:*:*:backup-vault:${aws:username}")]], expected: .allowed),
        Row(name: "${aws:username} for a role session", doc: AWSDoc.variables,
            resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:alice",
            identity: [[S.allow(resource: "arn:aws:backup:*:*:backup-vault:${aws:username}")]], expected: .implicitDeny),
        Row(name: "a default value", doc: AWSDoc.variables,
            resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:shared",
            identity: [[S.allow(resource: "arn:aws:backup:*:*:backup-vault:${aws:PrincipalTag/team, 'shared'}")]],
            expected: .allowed),
        Row(name: "the tag over the default", doc: AWSDoc.variables,
            resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:shared",
            identity: [[S.allow(resource: "arn:aws:backup:*:*:backup-vault:${aws:PrincipalTag/team, 'shared'}")]],
            context: ["aws:PrincipalTag/team": ["payments"]], expected: .implicitDeny),
        Row(name: "${*} is a literal star", doc: AWSDoc.variables,
            resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:ab",
            identity: [[S.allow(resource: "arn:aws:backup:*:*:backup-vault:a${*}")]], expected: .implicitDeny),
        Row(name: "in a condition", doc: AWSDoc.variables, caller: user,
            identity: allowIf(#"{"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}"#),
            context: ["aws:PrincipalTag/owner": ["alice"]], expected: .allowed),
        Row(name: "a variable the request cannot know", doc: AWSDoc.variables,
            identity: allowIf(#"{"StringLike": {"aws:PrincipalTag/net": "${aws:SourceIp}*"}}"#),
            context: ["aws:PrincipalTag/net": ["10.0.0.1"]], expected: .unknown, missing: ["aws:SourceIp"]),
    ]

    @Test(arguments: keys) func knownAbsentAndUnknowable(_ row: Row) throws { try row.check() }
    @Test(arguments: variables) func policyVariables(_ row: Row) throws { try row.check() }

    @Test func beforeVersion2012VariablesAreText() throws {
        let text = #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:backup:*:*:backup-vault:${aws:username}"}]}"#
        let old = try PolicyDocument.parse(text, name: "old")
        let caller = try Caller.parse(Self.user).get()
        func decide(_ vault: String) -> AuthorizationDecision.Verdict {
            Authorization.decide(
                AccessRequest(
                    caller: caller, action: "backup:DeleteBackupVault",
                    resource: "arn:aws:backup:us-east-1:111122223333:backup-vault:\(vault)", context: RequestContext()),
                AuthorizationPolicies(identityPolicies: [old])
            ).verdict
        }
        #expect(decide("alice") == .implicitDeny)
        #expect(decide("${aws:username}") == .allowed)
    }
}
