import Testing
import VaultCore

/// One row of a refusal table: a document IAM refuses and the error it must get.
struct PolicyRejection: Sendable, CustomTestStringConvertible {
    let text: String
    let error: String

    init(_ text: String, _ error: String) {
        self.text = text
        self.error = error
    }

    var testDescription: String { text }
}

/// A document with one statement made of `fields` (JSON members without the braces).
func statementDocument(_ fields: String, version: String? = "2012-10-17") -> String {
    let versionField = version.map { #""Version": "\#($0)", "# } ?? ""
    return #"{\#(versionField)"Statement": [{\#(fields)}]}"#
}

@Suite struct PolicyParseTests {
    static let minimal = #""Effect": "Deny", "Principal": "*", "Action": "backup:*", "Resource": "*""#

    @Test func statementAsObjectOrList() throws {
        let single = try PolicyDocument.parse(#"{"Statement": {\#(Self.minimal)}}"#, name: "single")
        let listed = try PolicyDocument.parse(statementDocument(Self.minimal, version: nil), name: "listed")
        #expect(single.statements.count == 1)
        #expect(single.statements == listed.statements)
        #expect(single.version == nil)
        #expect(single.name == "single")
    }

    @Test(arguments: ["2012-10-17", "2008-10-17"]) func acceptedVersions(_ version: String) throws {
        #expect(
            try PolicyDocument.parse(statementDocument(Self.minimal, version: version), name: "v").version == version)
    }

    @Test func elementsAsStringOrList() throws {
        let document = try PolicyDocument.parse(
            statementDocument(
                #""Sid": "One", "Effect": "Allow", "#
                    + #""Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:root"], "#
                    + #""Service": "backup.amazonaws.com"}, "Action": ["backup:StartCopyJob", "backup:Get*"], "#
                    + #""NotResource": "arn:aws:backup:*:*:backup-vault:scratch", "#
                    + #""Condition": {"#
                    + #""StringEquals": {"aws:SourceAccount": 111122223333, "aws:PrincipalOrgID": ["o-1", "o-2"]}, "#
                    + #""Bool": {"aws:SecureTransport": true}}"#),
            name: "forms")
        let statement = try #require(document.statements.first)
        #expect(statement.sid == "One")
        #expect(statement.label == "Sid \"One\"")
        #expect(statement.effect == .allow)
        #expect(
            statement.principal
                == .only(
                    PolicyPrincipals([
                        .init(.aws, "111122223333"), .init(.aws, "arn:aws:iam::444455556666:root"),
                        .init(.service, "backup.amazonaws.com"),
                    ])))
        #expect(statement.action.value.map(\.text) == ["backup:StartCopyJob", "backup:Get*"])
        #expect(statement.resource == .allBut([PolicyPattern("arn:aws:backup:*:*:backup-vault:scratch", .resource)]))
        #expect(
            statement.conditions.map { "\($0.operatorName) \($0.key) \($0.values)" } == [
                #"Bool aws:SecureTransport ["true"]"#, #"StringEquals aws:PrincipalOrgID ["o-1", "o-2"]"#,
                #"StringEquals aws:SourceAccount ["111122223333"]"#,
            ])
    }

    @Test func statementWithoutSidIsLabelledByItsPlace() throws {
        let text = #"{"Statement": [{\#(Self.minimal)}, {\#(Self.minimal)}]}"#
        #expect(try PolicyDocument.parse(text, name: "x").statements.map(\.label) == ["statement 1", "statement 2"])
    }

    @Test func principalStarIsEveryone() throws {
        let document = try PolicyDocument.parse(statementDocument(Self.minimal), name: "x")
        #expect(document.statements[0].principal == .only(.everyone))
        #expect(PolicyPrincipals([.init(.aws, "*")]).isEveryone)
    }

    static let documentRows: [PolicyRejection] = [
        .init("[]", "a policy must be a JSON object, got []"),
        .init("{not json", "policy is not valid JSON at line 1, column 2"),
        .init(#"{"Version": "2012-10-17"}"#, "Statement: is required"),
        .init(
            #"{"Version": "2012-10-18", "Statement": []}"#,
            #"Version: must be "2012-10-17" or "2008-10-17", got "2012-10-18""#),
        .init(#"{"Version": 2012, "Statement": []}"#, #"Version: must be "2012-10-17" or "2008-10-17", got 2012"#),
        .init(#"{"Statement": "x"}"#, #"Statement: must be an object or a list of objects, got "x""#),
        .init(#"{"Statement": ["x"]}"#, #"Statement[0]: a statement must be an object, got "x""#),
        .init(#"{"Statment": []}"#, "Statment: unknown field"),
        .init(#"{"Id": 1, "Statement": []}"#, "Id: must be a string, got 1"),
        .init(#"{"Statement": {"Effect": "Deny"}}"#, "Statement: needs Action or NotAction"),
    ]

    static let statementRows: [PolicyRejection] = [
        .init(statementDocument(#""Action": "*", "Resource": "*""#), "Statement[0].Effect: is required"),
        .init(
            statementDocument(#""Effect": "allow", "Action": "*", "Resource": "*""#),
            #"Statement[0].Effect: must be "Allow" or "Deny", got "allow""#),
        .init(statementDocument(#""Efect": "Allow""#), "Statement[0].Efect: unknown field"),
        .init(statementDocument(#""Sid": 1, "Effect": "Deny""#), "Statement[0].Sid: must be a string, got 1"),
        .init(
            statementDocument(#""Effect": "Deny", "Action": "*", "NotAction": "s3:*", "Resource": "*""#),
            "Statement[0]: has both Action and NotAction"),
        .init(statementDocument(#""Effect": "Deny", "Resource": "*""#), "Statement[0]: needs Action or NotAction"),
        .init(statementDocument(#""Effect": "Deny", "Action": "*""#), "Statement[0]: needs Resource or NotResource"),
        .init(
            statementDocument(#""Effect": "Deny", "Action": "*", "Resource": "*", "NotResource": "x""#),
            "Statement[0]: has both Resource and NotResource"),
        .init(
            statementDocument(#""Effect": "Deny", "Principal": "*", "NotPrincipal": "*", "Action": "*""#),
            "Statement[0]: has both Principal and NotPrincipal"),
        .init(
            statementDocument(#""Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "*""#),
            #"Statement[0].NotPrincipal: must be used with "Effect": "Deny""#),
        .init(
            statementDocument(#""Effect": "Deny", "Action": 5"#),
            "Statement[0].Action: must be a string or a list of strings, got 5"),
        .init(
            statementDocument(#""Effect": "Deny", "Action": ["backup:X", 5]"#),
            "Statement[0].Action[1]: must be a string, got 5"),
        .init(statementDocument(#""Effect": "Deny", "Action": []"#), "Statement[0].Action: must not be empty"),
        .init(
            statementDocument(#""Effect": "Deny", "Action": "DeleteRecoveryPoint""#),
            #"Statement[0].Action: an action must be "*" or "service:action", got "DeleteRecoveryPoint""#),
        .init(
            statementDocument(#""Effect": "Deny", "Action": "*", "Resource": {"a": 1}"#),
            #"Statement[0].Resource: must be a string or a list of strings, got {"a":1}"#),
    ]

    static let principalRows: [PolicyRejection] = [
        .init(
            statementDocument(#""Effect": "Deny", "Principal": "arn:aws:iam::111122223333:root""#),
            #"Statement[0].Principal: must be "*" or an object such as {"AWS": [...]}, got "arn:aws:iam::111122223333:root""#
        ),
        .init(
            statementDocument(#""Effect": "Deny", "Principal": {}"#),
            #"Statement[0].Principal: must be "*" or an object such as {"AWS": [...]}, got {}"#),
        .init(
            statementDocument(#""Effect": "Deny", "Principal": {"IAM": "x"}"#),
            "Statement[0].Principal.IAM: unknown kind of principal"),
        .init(
            statementDocument(#""Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"}"#),
            #"Statement[0].Principal.AWS: a wildcard may only stand alone, got "arn:aws:iam::111122223333:role/*""#),
        .init(
            statementDocument(#""Effect": "Deny", "Principal": {"AWS": [true]}"#),
            "Statement[0].Principal.AWS[0]: must be a string, got true"),
    ]

    static let conditionRows: [PolicyRejection] = [
        .init(
            statementDocument(#"\#(minimal), "Condition": "x""#),
            #"Statement[0].Condition: must be an object of condition operators, got "x""#),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": "x"}"#),
            #"Statement[0].Condition.StringEquals: must be a non-empty object of condition keys, got "x""#),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": {}}"#),
            "Statement[0].Condition.StringEquals: must be a non-empty object of condition keys, got {}"),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": {"aws:PrincipalOrgID": {"a": 1}}}"#),
            "Statement[0].Condition.StringEquals.aws:PrincipalOrgID: a condition value must be a string, a number, "
                + #"a boolean or a list of them, got {"a":1}"#),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": {"aws:PrincipalOrgID": null}}"#),
            "Statement[0].Condition.StringEquals.aws:PrincipalOrgID: a condition value must be a string, a number, "
                + "a boolean or a list of them, got null"),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-1", null]}}"#),
            "Statement[0].Condition.StringEquals.aws:PrincipalOrgID[1]: a condition value must be a string, "
                + "a number or a boolean, got null"),
        .init(
            statementDocument(#"\#(minimal), "Condition": {"StringEquals": {"aws:PrincipalOrgID": []}}"#),
            "Statement[0].Condition.StringEquals.aws:PrincipalOrgID: must not be empty"),
    ]

    @Test(arguments: documentRows + statementRows + principalRows + conditionRows)
    func refused(_ row: PolicyRejection) {
        do {
            _ = try PolicyDocument.parse(row.text, name: "refused")
            Issue.record("accepted \(row.text), expected \(row.error)")
        } catch {
            #expect(error.description == row.error)
        }
    }

    @Test func errorDescriptionJoinsPathAndMessage() {
        #expect(PolicyError(path: "Statement[1].Effect", message: "bad").description == "Statement[1].Effect: bad")
        #expect(PolicyError(path: "", message: "bad").description == "bad")
    }

    @Test func unknownOperatorIsKeptForEvaluation() throws {
        let document = try PolicyDocument.parse(
            statementDocument(#"\#(Self.minimal), "Condition": {"StringRegex": {"aws:MultiFactorAuthAge": 3600}}"#),
            name: "x")
        let condition = try #require(document.statements[0].conditions.first)
        #expect(condition.conditionOperator == nil)
        #expect(condition.values == ["3600"])
    }

    @Test func kindRulesAreCheckedApart() throws {
        let withPrincipal = try PolicyDocument.parse(statementDocument(Self.minimal), name: "x")
        #expect(
            throws: PolicyError(path: "Statement[0].Principal", message: "an SCP statement must not name a principal")
        ) {
            try withPrincipal.validate(as: .serviceControlPolicy)
        }
        try withPrincipal.validate(as: .resourcePolicy)
        let without = try PolicyDocument.parse(
            #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#, name: "y")
        #expect(
            throws: PolicyError(
                path: "Statement", message: "a resource policy statement needs Principal or NotPrincipal")
        ) { try without.validate(as: .resourcePolicy) }
        try without.validate(as: .serviceControlPolicy)
    }
}
