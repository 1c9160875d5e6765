import Testing
import VaultCore

/// One row of a condition table: a `Condition` block, the request's keys, and what the block must say.
struct ConditionCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable { case holds, fails, unknown }

    let condition: String
    let context: [String: [String]]
    let expected: Expected
    let version: String

    init(_ condition: String, _ context: [String: [String]], _ expected: Expected, version: String = "2012-10-17") {
        self.condition = condition
        self.context = context
        self.expected = expected
        self.version = version
    }

    var testDescription: String { "\(condition) with \(context) → \(expected)" }

    /// The block in an identity-based Deny for everything: it applies exactly when the block holds.
    func check() throws {
        let text = statementDocument(
            #""Effect": "Deny", "Action": "*", "Resource": "*", "Condition": \#(condition)"#, version: version)
        let request = AccessRequest(
            principalArn: ConditionCase.intern, action: "backup:DeleteRecoveryPoint", resource: SeedPolicies.vaultArn,
            context: RequestContext(context))
        let decision = try PolicyDocument.parse(text, name: "conditions").evaluate(request, as: .identityPolicy)
        let outcome: PolicyOutcome =
            switch expected {
            case .holds: .explicitlyDenied
            case .fails: .notApplicable
            case .unknown: .unknown
            }
        #expect(decision.outcome == outcome, "\(decision.reason)")
    }

    static let intern = SeedPolicies.intern
    static let org: [String: [String]] = ["aws:PrincipalOrgID": ["o-1"], "aws:PrincipalArn": [intern]]
    static let tags: [String: [String]] = ["aws:TagKeys": ["a", "b"]]
}

@Suite struct PolicyConditionTests {
    typealias Row = ConditionCase
    static let org = Row.org
    static let none: [String: [String]] = [:]

    static let stringRows: [Row] = [
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#, org, .holds),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "O-1"}}"#, org, .fails),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": ["o-2", "o-1"]}}"#, org, .holds),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#, none, .fails),
        .init(#"{"StringEquals": {"AWS:principalorgid": "o-1"}}"#, org, .holds),
        .init(#"{"StringNotEquals": {"aws:PrincipalOrgID": "o-2"}}"#, org, .holds),
        .init(#"{"StringNotEquals": {"aws:PrincipalOrgID": ["o-2", "o-1"]}}"#, org, .fails),
        .init(#"{"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}"#, none, .holds),
        .init(#"{"StringEqualsIgnoreCase": {"aws:PrincipalOrgID": "O-1"}}"#, org, .holds),
        .init(#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalOrgID": "O-1"}}"#, org, .fails),
        .init(#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalOrgID": "O-1"}}"#, none, .holds),
        .init(#"{"StringLike": {"aws:PrincipalOrgID": "o-*"}}"#, org, .holds),
        .init(#"{"StringLike": {"aws:PrincipalOrgID": "o-?"}}"#, ["aws:PrincipalOrgID": ["o-12"]], .fails),
        .init(#"{"StringLike": {"aws:PrincipalOrgID": "O-*"}}"#, org, .fails),
        .init(#"{"StringLike": {"aws:PrincipalArn": "*Intern"}}"#, org, .holds),
        .init(#"{"StringNotLike": {"aws:PrincipalArn": "*Intern"}}"#, org, .fails),
        .init(#"{"StringNotLike": {"aws:SourceAccount": "1111*"}}"#, org, .holds),
        .init(
            #"{"StringEquals": {"aws:SourceAccount": 111122223333}}"#, ["aws:SourceAccount": ["111122223333"]], .holds),
    ]

    static let ifExistsRows: [Row] = [
        .init(#"{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}"#, none, .holds),
        .init(#"{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-2"}}"#, org, .fails),
        .init(#"{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}"#, org, .holds),
        .init(#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}"#, none, .holds),
        .init(#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}"#, org, .fails),
        .init(#"{"ArnLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}"#, org, .fails),
        .init(#"{"ArnNotLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}"#, org, .holds),
        .init(#"{"BoolIfExists": {"aws:SecureTransport": "true"}}"#, ["aws:SecureTransport": []], .holds),
    ]

    /// Operators AND, keys of one operator AND, values of one key OR.
    static let combinationRows: [Row] = [
        .init(
            #"{"StringEquals": {"aws:PrincipalOrgID": "o-1", "aws:PrincipalAccount": "111122223333"}}"#,
            org.merging(["aws:PrincipalAccount": ["111122223333"]]) { $1 }, .holds),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "o-1", "aws:PrincipalAccount": "111122223333"}}"#, org, .fails),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}, "ArnLike": {"aws:PrincipalArn": "*"}}"#, org, .fails),
        .init(
            #"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}, "ArnLike": {"aws:PrincipalArn": "arn:*:*:*:*:*"}}"#,
            org, .holds),
    ]

    static let arnRows: [Row] = [
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Intern"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:*"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::1111*3333:role/Intern"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam:*:111122223333:role/Intern"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*"}}"#, org, .fails),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:*:role/Intern"}}"#, org, .fails),
        .init(#"{"StringLike": {"aws:PrincipalArn": "arn:aws:*:role/Intern"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/intern"}}"#, org, .fails),
        .init(#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Int?rn"}}"#, org, .holds),
        .init(#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Intern"}}"#, org, .holds),
        .init(#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Intern"}}"#, org, .fails),
        .init(
            #"{"ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/Admin", "arn:aws:iam::*:role/Ops"]}}"#,
            org, .holds),
        .init(#"{"ArnNotLike": {"aws:SourceAccount": "arn:aws:iam::*:root"}}"#, org, .holds),
        .init(#"{"ArnLike": {"aws:PrincipalAccount": "*"}}"#, ["aws:PrincipalAccount": ["111122223333"]], .fails),
        .init(
            #"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Intern:*"}}"#,
            ["aws:PrincipalArn": ["arn:aws:iam::111122223333:role/Intern:x"]], .holds),
    ]

    static let boolAndNullRows: [Row] = [
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, ["aws:SecureTransport": ["true"]], .holds),
        .init(#"{"Bool": {"aws:SecureTransport": true}}"#, ["aws:SecureTransport": ["true"]], .holds),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, ["aws:SecureTransport": ["false"]], .fails),
        .init(#"{"Bool": {"aws:SecureTransport": "false"}}"#, ["aws:SecureTransport": ["FALSE"]], .holds),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, none, .unknown),
        .init(#"{"Bool": {"aws:SecureTransport": "yes"}}"#, ["aws:SecureTransport": ["true"]], .unknown),
        .init(#"{"Null": {"aws:PrincipalOrgID": "true"}}"#, none, .holds),
        .init(#"{"Null": {"aws:PrincipalOrgID": "true"}}"#, org, .fails),
        .init(#"{"Null": {"aws:PrincipalOrgID": false}}"#, org, .holds),
        .init(#"{"Null": {"aws:PrincipalOrgID": "false"}}"#, none, .fails),
        .init(#"{"Null": {"aws:TagKeys": "true"}}"#, ["aws:TagKeys": []], .holds),
        // A principal tag key is present only when the principal has the tag: without it, absent.
        .init(#"{"Null": {"aws:PrincipalTag/team": "true"}}"#, none, .holds),
        .init(#"{"Null": {"aws:PrincipalOrgID": "maybe"}}"#, none, .unknown),
    ]

    static let tags = Row.tags

    /// AWS: ForAnyValue fails and ForAllValues holds when the key is missing or empty.
    static let setRows: [Row] = [
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}"#, tags, .holds),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["c", "d"]}}"#, tags, .fails),
        .init(#"{"ForAnyValue:StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#, none, .fails),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}"#, ["aws:TagKeys": []], .fails),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b", "c"]}}"#, tags, .holds),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}}"#, tags, .fails),
        .init(#"{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#, none, .holds),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}}"#, ["aws:TagKeys": []], .holds),
        .init(#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": "a"}}"#, tags, .holds),
        .init(#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": "a"}}"#, tags, .fails),
        .init(#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": "c"}}"#, tags, .holds),
        .init(#"{"ForAnyValue:StringLike": {"aws:TagKeys": "?"}}"#, tags, .holds),
        .init(#"{"ForAnyValue:StringLikeIfExists": {"aws:PrincipalOrgID": "x"}}"#, none, .holds),
        .init(#"{"ForAnyValue:ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}"#, org, .holds),
        .init(#"{"StringEquals": {"aws:TagKeys": "a"}}"#, tags, .unknown),
    ]

    static let unknownRows: [Row] = [
        .init(#"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#, ["aws:MultiFactorAuthAge": ["10"]], .holds),
        .init(#"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#, none, .unknown),
        .init(#"{"stringequals": {"aws:PrincipalOrgID": "o-1"}}"#, org, .unknown),
        .init(#"{"ForAnyValue:Null": {"aws:PrincipalOrgID": "true"}}"#, org, .unknown),
        .init(#"{"NullIfExists": {"aws:PrincipalOrgID": "true"}}"#, org, .unknown),
        .init(#"{"ForSomeValues:StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#, org, .unknown),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "backup"}}"#, org, .fails),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "backup"}}"#, ["aws:PrincipalTag/team": ["backup"]], .holds),
        // A variable whose key is absent has no value: nothing equals it.
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalTag/org}"}}"#, org, .fails),
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "${aws:SourceIp}"}}"#, org, .unknown),
        .init(
            #"{"StringEquals": {"aws:PrincipalOrgID": "${x}"}}"#, ["aws:PrincipalOrgID": ["${x}"]], .holds,
            version: "2008-10-17"),
        // A false test settles the block, whatever an undecidable one would say.
        .init(#"{"StringEquals": {"aws:PrincipalOrgID": "o-2"}, "NumericLessThan": {"aws:X": 1}}"#, org, .fails),
    ]

    @Test(arguments: stringRows) func string(_ row: Row) throws { try row.check() }
    @Test(arguments: ifExistsRows) func ifExists(_ row: Row) throws { try row.check() }
    @Test(arguments: combinationRows) func combinations(_ row: Row) throws { try row.check() }
    @Test(arguments: arnRows) func arn(_ row: Row) throws { try row.check() }
    @Test(arguments: boolAndNullRows) func boolAndNull(_ row: Row) throws { try row.check() }
    @Test(arguments: setRows) func setOperators(_ row: Row) throws { try row.check() }
    @Test(arguments: unknownRows) func unknown(_ row: Row) throws { try row.check() }

    @Test func operatorNames() {
        #expect(
            ConditionOperator("ForAllValues:StringNotLikeIfExists")
                == ConditionOperator(test: .stringNotLike, qualifier: .forAllValues, ifExists: true))
        #expect(
            ConditionOperator("ForAllValues:StringNotLikeIfExists")?.description == "ForAllValues:StringNotLikeIfExists"
        )
        #expect(ConditionOperator("Null") == ConditionOperator(test: .null))
        #expect(ConditionOperator("NumericEquals") == ConditionOperator(test: .numericEquals))
        #expect(ConditionOperator("StringRegex") == nil)
        #expect(ConditionOperator("ForAnyValue:") == nil)
    }
}
