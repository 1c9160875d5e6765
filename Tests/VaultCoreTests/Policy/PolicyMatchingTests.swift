import Testing
import VaultCore

/// Principal / NotPrincipal, Action / NotAction and Resource / NotResource, each against requests.
@Suite struct PolicyMatchingTests {
    typealias Seed = SeedPolicies

    struct PatternRow: Sendable, CustomTestStringConvertible {
        let pattern: String
        let flavour: PolicyPattern.Flavour
        let subject: String
        let matches: Bool
        init(_ pattern: String, _ flavour: PolicyPattern.Flavour, _ subject: String, _ matches: Bool) {
            self.pattern = pattern
            self.flavour = flavour
            self.subject = subject
            self.matches = matches
        }
        var testDescription: String { "\(pattern) \(matches ? "matches" : "misses") \(subject)" }
    }

    static let vault = Seed.vaultArn

    static let patternRows: [PatternRow] = [
        .init("*", .action, "backup:DeleteRecoveryPoint", true),
        .init("backup:*", .action, "backup:DeleteRecoveryPoint", true),
        .init("backup:delete*", .action, "backup:DeleteRecoveryPoint", true),
        .init("BACKUP:DeleteRecoveryPoint", .action, "backup:deleterecoverypoint", true),
        .init("backup:Delete?ecoveryPoint", .action, "backup:DeleteRecoveryPoint", true),
        .init("backup:Delete?RecoveryPoint", .action, "backup:DeleteRecoveryPoint", false),
        .init("backup:Get*", .action, "backup:DeleteRecoveryPoint", false),
        .init("backup:*Vault*", .action, "backup:PutBackupVaultAccessPolicy", true),
        .init("s3:*", .action, "backup:DeleteRecoveryPoint", false),
        .init("*", .resource, vault, true),
        .init(vault, .resource, vault, true),
        .init("arn:aws:backup:us-east-1:111122223333:backup-vault:Central-backup-vault", .resource, vault, false),
        .init("arn:aws:backup:*:111122223333:backup-vault:*", .resource, vault, true),
        .init("arn:aws:backup:us-*-1:111122223333:backup-vault:central-backup-vault", .resource, vault, true),
        .init("arn:aws:backup:us-east-1:111122223333:backup-vault:central-?ackup-vault", .resource, vault, true),
        .init("arn:aws:backup:us-east-1:*", .resource, vault, true),
        .init("arn:aws:backup:*:central-backup-vault", .resource, vault, true),
        .init("arn:aws:backup:us-east-1*vault:central-backup-vault", .resource, vault, false),
        .init("arn:aws:backup:us-east-1:111122223333?backup-vault:central-backup-vault", .resource, vault, false),
        .init("arn:aws:backup:us-east-1:111122223333?backup-vault:central-backup-vault", .string, vault, true),
        .init("arn:aws:backup:us-east-1*vault:central-backup-vault", .string, vault, true),
        .init("*vault", .string, vault, true),
        .init("*Vault", .string, vault, false),
        .init("a*b*c", .string, "aXbYbZc", true),
        .init("a*b*c", .string, "aXcYb", false),
        .init("a?c", .string, "aéc", true),
        .init("", .string, "", true),
        .init("*", .string, "", true),
        .init("?", .string, "", false),
    ]

    @Test(arguments: patternRows) func patterns(_ row: PatternRow) {
        #expect(PolicyPattern(row.pattern, row.flavour).matches(row.subject) == row.matches)
    }

    struct StatementRow: Sendable, CustomTestStringConvertible {
        let fields: String
        let principal: String
        let applies: Bool
        init(_ fields: String, _ principal: String, _ applies: Bool) {
            self.fields = fields
            self.principal = principal
            self.applies = applies
        }
        init(_ fields: String, _ applies: Bool) { self.init(fields, Seed.intern, applies) }
        var testDescription: String { "{\(fields)} \(applies ? "applies to" : "spares") \(principal)" }
    }

    static let member = "arn:aws:iam::444455556666:role/Intern"
    /// The request's own action, named: a vault access policy does not support wildcards in Action.
    static let anyAction = #""Action": "backup:DeleteRecoveryPoint", "Resource": "*""#

    static let principalRows: [StatementRow] = [
        .init(#""Effect": "Deny", "Principal": "*", \#(anyAction)"#, true),
        .init(#""Effect": "Deny", "Principal": {"AWS": "*"}, \#(anyAction)"#, member, true),
        .init(#""Effect": "Deny", "Principal": {"AWS": "111122223333"}, \#(anyAction)"#, true),
        .init(#""Effect": "Deny", "Principal": {"AWS": "111122223333"}, \#(anyAction)"#, member, false),
        .init(#""Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, \#(anyAction)"#, true),
        .init(
            #""Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, \#(anyAction)"#, Seed.root, true
        ),
        .init(#""Effect": "Deny", "Principal": {"AWS": "arn:aws-cn:iam::111122223333:root"}, \#(anyAction)"#, false),
        .init(#""Effect": "Deny", "Principal": {"AWS": ["\#(Seed.admin)", "\#(Seed.intern)"]}, \#(anyAction)"#, true),
        .init(#""Effect": "Deny", "Principal": {"AWS": "\#(Seed.admin)"}, \#(anyAction)"#, false),
        .init(#""Effect": "Deny", "Principal": {"Service": "backup.amazonaws.com"}, \#(anyAction)"#, false),
        .init(#""Effect": "Deny", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, \#(anyAction)"#, false),
        // NotPrincipal: a role is spared only when its account is listed too (IAM User Guide, NotPrincipal).
        .init(#""Effect": "Deny", "NotPrincipal": {"AWS": "\#(Seed.admin)"}, \#(anyAction)"#, Seed.admin, true),
        .init(
            #""Effect": "Deny", "NotPrincipal": {"AWS": ["\#(Seed.admin)", "\#(Seed.root)"]}, \#(anyAction)"#,
            Seed.admin, false),
        .init(#""Effect": "Deny", "NotPrincipal": {"AWS": ["\#(Seed.admin)", "\#(Seed.root)"]}, \#(anyAction)"#, true),
        .init(#""Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, \#(anyAction)"#, Seed.root, false),
        .init(#""Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, \#(anyAction)"#, true),
        .init(#""Effect": "Deny", "NotPrincipal": "*", \#(anyAction)"#, false),
        .init(#""Effect": "Deny", "NotPrincipal": {"Service": "backup.amazonaws.com"}, \#(anyAction)"#, true),
    ]

    /// Action / NotAction and Resource / NotResource, in an identity-based policy (which binds its own
    /// principal): IAM User Guide, *IAM JSON policy elements: Action, NotAction, Resource, NotResource*.
    static let actionAndResourceRows: [StatementRow] = [
        .init(#""Effect": "Deny", "Action": "backup:delete*", "Resource": "*""#, true),
        .init(#""Effect": "Deny", "Action": ["s3:*", "backup:Get*"], "Resource": "*""#, false),
        .init(#""Effect": "Deny", "NotAction": "backup:Get*", "Resource": "*""#, true),
        .init(#""Effect": "Deny", "NotAction": ["s3:*", "backup:*"], "Resource": "*""#, false),
        .init(#""Effect": "Deny", "Action": "*", "Resource": "\#(vault)""#, true),
        .init(#""Effect": "Deny", "Action": "*", "Resource": ["arn:aws:s3:::b", "arn:aws:backup:*"]"#, true),
        .init(#""Effect": "Deny", "Action": "*", "NotResource": "\#(vault)""#, false),
        .init(#""Effect": "Deny", "Action": "*", "NotResource": "arn:aws:s3:::*""#, true),
    ]

    static func check(_ row: StatementRow, as kind: PolicyKind) throws {
        let document = try PolicyDocument.parse(statementDocument(row.fields), name: "matching")
        let request = AccessRequest(
            principalArn: row.principal, action: "backup:DeleteRecoveryPoint", resource: Self.vault)
        let outcome = document.evaluate(request, as: kind).outcome
        #expect(outcome == (row.applies ? .explicitlyDenied : .notApplicable))
    }

    @Test(arguments: principalRows) func statements(_ row: StatementRow) throws { try Self.check(row, as: .resourcePolicy) }

    @Test(arguments: actionAndResourceRows) func actionsAndResources(_ row: StatementRow) throws {
        try Self.check(row, as: .identityPolicy)
    }

    /// IAM User Guide, *IAM policy elements: Variables and tags*: under 2012-10-17 a variable in Resource is
    /// replaced by the request's value; a key the request cannot know leaves the statement undecided unless
    /// another pattern decides; before 2012-10-17 `${…}` is literal text.
    @Test func resourceVariablesAreResolved() throws {
        let request = AccessRequest(principalArn: Seed.intern, action: "backup:StartCopyJob", resource: Self.vault)
        func outcome(_ resource: String, version: String? = "2012-10-17") throws -> PolicyDecision {
            try PolicyDocument.parse(
                statementDocument(#""Effect": "Deny", "Action": "*", "Resource": \#(resource)"#, version: version),
                name: "variables"
            ).evaluate(request, as: .identityPolicy)
        }
        #expect(try outcome(#""arn:aws:backup:*:${aws:PrincipalAccount}:*""#).outcome == .explicitlyDenied)
        #expect(try outcome(#""arn:aws:backup:*:${aws:PrincipalAccount}:nothing""#).outcome == .notApplicable)
        let unknown = try outcome(#""arn:aws:backup:*:${aws:SourceIp}:*""#)
        #expect(unknown.outcome == .unknown)
        #expect(unknown.reason.contains(#"uses the policy variable ${aws:SourceIp}, which is not known"#))
        #expect(try outcome(#"["arn:aws:backup:*:${aws:SourceIp}:*", "*"]"#).outcome == .explicitlyDenied)
        #expect(try outcome(#""arn:aws:backup:*:${aws:PrincipalAccount}:*""#, version: "2008-10-17").outcome == .notApplicable)
        #expect(try outcome(#""arn:aws:backup:*:${aws:PrincipalAccount}:*""#, version: nil).outcome == .notApplicable)
    }
}
