import Testing
import VaultCore

/// IAM's whole answer for a call to AWS Backup, rule by rule, each row following the page it cites.
@Suite struct AuthorizationTests {
    typealias Row = AuthorizationCase
    typealias S = Statements

    static let alice = "arn:aws:sts::111122223333:assumed-role/Dev/alice"
    static let dev = "arn:aws:iam::111122223333:role/Dev"
    static let root = "arn:aws:iam::111122223333:root"
    static let user = "arn:aws:iam::111122223333:user/ops/alice"
    static let federated = "arn:aws:sts::111122223333:federated-user/alice"
    static let copier = "arn:aws:sts::444455556666:assumed-role/Copier/job"
    static let vaultArn = "arn:aws:backup:us-east-1:111122223333:backup-vault:central"

    /// "Within an account, an action is allowed when an identity-based policy or a resource-based policy
    /// allows it and nothing denies it"; the root user has every permission its account has.
    static let sameAccount: [Row] = [
        Row(name: "identity Allow", doc: AWSDoc.evaluationLogic, identity: [[S.allow()]], expected: .allowed,
            matched: ["id0#0"]),
        Row(name: "nothing allows", doc: AWSDoc.evaluationLogic, expected: .implicitDeny, matched: []),
        Row(name: "vault Allow to the role", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Allow", #"{"AWS": "\#(dev)"}"#)], expected: .allowed, matched: ["vault#0"]),
        Row(name: "vault Allow to the session", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Allow", #"{"AWS": "\#(alice)"}"#)], expected: .allowed, matched: ["vault#0"]),
        Row(name: "vault Allow to another role", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Allow", #"{"AWS": "arn:aws:iam::111122223333:role/Ops"}"#)], expected: .implicitDeny,
            matched: []),
        Row(name: "vault Allow to everyone", doc: AWSDoc.evaluationLogic, vault: [S.vault("Allow", #""*""#)],
            expected: .allowed, matched: ["vault#0"]),
        Row(name: "both allow: every Allow is listed", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Allow", #""*""#)], identity: [[S.allow()]], expected: .allowed,
            matched: ["vault#0", "id0#0"]),
        Row(name: "an identity Deny beats its Allow", doc: AWSDoc.evaluationLogic,
            identity: [[S.allow(), S.deny()]], expected: .explicitDeny, matched: ["id0#1"]),
        Row(name: "a vault Deny beats an identity Allow", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Deny", #""*""#)], identity: [[S.allow()]], expected: .explicitDeny, matched: ["vault#0"]),
        Row(name: "every applying Deny is listed", doc: AWSDoc.evaluationLogic,
            vault: [S.vault("Deny", #""*""#)], identity: [[S.deny(), S.allow()], [S.deny("backup:Delete*")]],
            expected: .explicitDeny, matched: ["vault#0", "id0#0", "id1#0"]),
        Row(name: "Allow for another action", doc: AWSDoc.evaluationLogic,
            identity: [[S.allow("backup:StartBackupJob")]], expected: .implicitDeny, matched: []),
        Row(name: "Allow on the vault, call on a recovery point", doc: AWSDoc.evaluationLogic,
            identity: [[S.allow(resource: vaultArn)]], expected: .implicitDeny),
        Row(name: "root needs no Allow", doc: AWSDoc.evaluationLogic, caller: root, expected: .allowed, matched: []),
        Row(name: "root is denied by a Deny naming its account", doc: AWSDoc.principal, caller: root,
            vault: [S.vault("Deny", #"{"AWS": "111122223333"}"#)], expected: .explicitDeny, matched: ["vault#0"]),
        Row(name: "IAM user", doc: AWSDoc.evaluationLogic, caller: user, identity: [[S.allow()]], expected: .allowed),
        Row(name: "federated user", doc: AWSDoc.evaluationLogic, caller: federated, identity: [[S.allow()]],
            expected: .allowed),
        Row(name: "vault Allow to the federated user", doc: AWSDoc.principal, caller: federated,
            vault: [S.vault("Allow", #"{"AWS": "\#(federated)"}"#)], expected: .allowed),
    ]

    /// "When … requests are made to another account, … the request must be allowed by both the identity-based
    /// policy of the principal and the resource-based policy of the resource"; AWS Backup refuses calls from
    /// another account other than copying into the vault.
    static let crossAccount: [Row] = [
        Row(name: "identity Allow alone", doc: AWSDoc.crossAccount, caller: copier, action: "backup:CopyIntoBackupVault",
            resource: vaultArn, identity: [[S.allow("backup:CopyIntoBackupVault")]], expected: .implicitDeny, matched: []),
        Row(name: "vault Allow alone", doc: AWSDoc.crossAccount, caller: copier, action: "backup:CopyIntoBackupVault",
            resource: vaultArn, vault: [S.vault("Allow", #"{"AWS": "444455556666"}"#, "backup:CopyIntoBackupVault")],
            expected: .implicitDeny),
        Row(name: "both, the vault naming the account", doc: AWSDoc.crossAccount, caller: copier,
            action: "backup:CopyIntoBackupVault", resource: vaultArn,
            vault: [S.vault("Allow", #"{"AWS": "444455556666"}"#, "backup:CopyIntoBackupVault")],
            identity: [[S.allow("backup:CopyIntoBackupVault")]], expected: .allowed, matched: ["vault#0", "id0#0"]),
        Row(name: "both, the vault naming the role", doc: AWSDoc.crossAccount, caller: copier,
            action: "backup:CopyIntoBackupVault", resource: vaultArn,
            vault: [S.vault("Allow", #"{"AWS": "arn:aws:iam::444455556666:role/Copier"}"#, "backup:CopyIntoBackupVault")],
            identity: [[S.allow("backup:CopyIntoBackupVault")]], expected: .allowed),
        Row(name: "AWS Backup refuses any other call from another account", doc: AWSDoc.vaultAccessPolicy,
            caller: copier, resource: "arn:aws:backup:us-east-1:111122223333:recovery-point:rp-1",
            vault: [S.vault("Allow", #""*""#)], identity: [[S.allow()]], expected: .implicitDeny, matched: []),
        Row(name: "a Deny still wins over the refusal", doc: AWSDoc.evaluationLogic, caller: copier,
            vault: [S.vault("Deny", #""*""#)], identity: [[S.allow()]], expected: .explicitDeny, matched: ["vault#0"]),
        Row(name: "root of another account, the vault naming it", doc: AWSDoc.crossAccount,
            caller: "arn:aws:iam::444455556666:root", action: "backup:CopyIntoBackupVault", resource: vaultArn,
            vault: [S.vault("Allow", #"{"AWS": "arn:aws:iam::444455556666:root"}"#, "backup:CopyIntoBackupVault")],
            expected: .allowed, matched: ["vault#0"]),
    ]

    /// "There must be an explicit Allow statement at every level from the root through each OU in the direct
    /// path to the account"; "an explicit Deny at any level denies"; SCPs never affect service-linked roles
    /// nor the management account; SCP Allows grant nothing by themselves.
    static let full = [S.fullAWSAccess]
    static let scpLevels: [Row] = [
        Row(name: "FullAWSAccess at every level", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full], [full], [full]], expected: .allowed, matched: ["id0#0"]),
        Row(name: "an OU whose allow-list leaves Backup out", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full], [[S.allow("s3:*")]], [full]], expected: .implicitDeny, matched: []),
        Row(name: "an OU whose allow-list names Backup", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full], [[S.allow("backup:*")]], [full]], expected: .allowed),
        Row(name: "a Deny at the account's level", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full], [full], [full, [S.deny()]]], expected: .explicitDeny, matched: ["scp2.1#0"]),
        Row(name: "a Deny at the root", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full, [S.deny("backup:Delete*")]], [full]], expected: .explicitDeny, matched: ["scp0.1#0"]),
        Row(name: "two SCPs at a level: one allowing is enough", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[[S.allow("s3:*")], [S.allow("backup:DeleteRecoveryPoint")]]], expected: .allowed),
        Row(name: "SCP Allows grant nothing", doc: AWSDoc.scpEvaluation, scps: [[full]], expected: .implicitDeny),
        Row(name: "a service-linked role's session", doc: AWSDoc.scps,
            caller: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForBackup/backup", identity: [[S.allow()]],
            scps: [[full, [S.deny("*")]]], expected: .allowed),
        Row(name: "a service-linked role by its path", doc: AWSDoc.scps,
            caller: "arn:aws:sts::111122223333:assumed-role/CustomLinked/backup", identity: [[S.allow()]],
            scps: [[[S.deny("*")]]],
            context: ["aws:PrincipalArn": ["arn:aws:iam::111122223333:role/aws-service-role/backup.amazonaws.com/CustomLinked"]],
            expected: .allowed),
        Row(name: "the management account", doc: AWSDoc.scps, identity: [[S.allow()]], scps: [[[S.deny("*")]]],
            managementAccount: "111122223333", expected: .allowed),
        Row(name: "a member account's root is bound", doc: AWSDoc.scps, caller: root, scps: [[full, [S.deny()]]],
            expected: .explicitDeny),
        Row(name: "an Allow the request cannot decide", doc: AWSDoc.scpEvaluation, identity: [[S.allow()]],
            scps: [[full], [[S.allow("*", S.condition(#"{"StringEquals": {"aws:RequestedRegion": "us-east-1"}}"#))]]],
            expected: .unknown, matched: ["scp1.0#0"], missing: ["aws:RequestedRegion"]),
        Row(name: "an undecidable Allow at a level that does not matter", doc: AWSDoc.scpEvaluation,
            identity: [[S.allow()]],
            scps: [[full], [[S.allow("s3:*")], [S.allow("*", S.condition(#"{"Bool": {"aws:SecureTransport": "true"}}"#))]],
                [[S.allow("s3:*")]]],
            expected: .implicitDeny),
    ]

    /// AWS Backup's vault access policy does not support wildcards in Action: what a wildcard reaches is
    /// left unknown; a named action is judged.
    static let vaultRules: [Row] = [
        Row(name: "a Deny reaching the call through backup:*", doc: AWSDoc.vaultAccessPolicy,
            vault: [S.vault("Deny", #""*""#, "backup:*")], identity: [[S.allow()]], expected: .unknown,
            matched: ["vault#0"]),
        Row(name: "a wildcard that would not reach the call", doc: AWSDoc.vaultAccessPolicy,
            vault: [S.vault("Deny", #""*""#, "backup:Put*")], identity: [[S.allow()]], expected: .allowed),
        Row(name: "a named action beside a wildcard", doc: AWSDoc.vaultAccessPolicy,
            vault: [#"{"Effect": "Deny", "Principal": "*", "Action": ["backup:Delete*", "backup:DeleteRecoveryPoint"], "Resource": "*"}"#],
            identity: [[S.allow()]], expected: .explicitDeny, matched: ["vault#0"]),
        Row(name: "an Allow through a wildcard", doc: AWSDoc.vaultAccessPolicy,
            vault: [S.vault("Allow", #"{"AWS": "\#(dev)"}"#, "*")], expected: .unknown, matched: ["vault#0"]),
        Row(name: "an Allow naming only the account, no identity Allow", doc: AWSDoc.vaultAccessPolicy,
            vault: [S.vault("Allow", #"{"AWS": "111122223333"}"#)], expected: .unknown, matched: ["vault#0"]),
        Row(name: "an Allow naming only the account, with an identity Allow", doc: AWSDoc.vaultAccessPolicy,
            vault: [S.vault("Allow", #"{"AWS": "arn:aws:iam::111122223333:root"}"#)], identity: [[S.allow()]],
            expected: .allowed, matched: ["vault#0", "id0#0"]),
    ]

    /// The caller (a role session) and `aws:PrincipalArn` (the role) are different identities: Principal
    /// matches either; NotPrincipal spares a session only when the account, the role and the session are all
    /// listed.
    static let callers: [Row] = [
        Row(name: "Principal naming the session", doc: AWSDoc.principal,
            vault: [S.vault("Deny", #"{"AWS": "\#(alice)"}"#)], identity: [[S.allow()]], expected: .explicitDeny),
        Row(name: "Principal naming another session of the role", doc: AWSDoc.principal,
            caller: "arn:aws:sts::111122223333:assumed-role/Dev/bob", vault: [S.vault("Deny", #"{"AWS": "\#(alice)"}"#)],
            identity: [[S.allow()]], expected: .allowed),
        Row(name: "Principal naming the role reaches its sessions", doc: AWSDoc.principal,
            vault: [S.vault("Deny", #"{"AWS": "\#(dev)"}"#)], identity: [[S.allow()]], expected: .explicitDeny),
        Row(name: "NotPrincipal with the role but not the session", doc: AWSDoc.notPrincipal,
            vault: [#"{"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333", "\#(dev)"]}, "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#],
            identity: [[S.allow()]], expected: .explicitDeny),
        Row(name: "NotPrincipal with the account, the role and the session", doc: AWSDoc.notPrincipal,
            vault: [#"{"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333", "\#(dev)", "\#(alice)"]}, "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#],
            identity: [[S.allow()]], expected: .allowed),
        Row(name: "NotPrincipal with the session but not the account", doc: AWSDoc.notPrincipal,
            vault: [#"{"Effect": "Deny", "NotPrincipal": {"AWS": ["\#(dev)", "\#(alice)"]}, "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#],
            identity: [[S.allow()]], expected: .explicitDeny),
        Row(name: "NotPrincipal sparing a user", doc: AWSDoc.notPrincipal, caller: user,
            vault: [#"{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", "\#(user)"]}, "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}"#],
            identity: [[S.allow()]], expected: .allowed),
        Row(name: "aws:PrincipalArn is the role", doc: AWSDoc.globalKeys,
            identity: [[S.allow("*", S.condition(#"{"ArnEquals": {"aws:PrincipalArn": "\#(dev)"}}"#))]], expected: .allowed),
        Row(name: "a role's path comes from the context", doc: AWSDoc.globalKeys,
            vault: [S.vault("Deny", #"{"AWS": "arn:aws:iam::111122223333:role/teams/Dev"}"#)], identity: [[S.allow()]],
            context: ["aws:PrincipalArn": ["arn:aws:iam::111122223333:role/teams/Dev"]], expected: .explicitDeny),
    ]

    @Test(arguments: sameAccount) func withinTheAccount(_ row: Row) throws { try row.check() }
    @Test(arguments: crossAccount) func fromAnotherAccount(_ row: Row) throws { try row.check() }
    @Test(arguments: scpLevels) func serviceControlPolicies(_ row: Row) throws { try row.check() }
    @Test(arguments: vaultRules) func awsBackupsOwnRules(_ row: Row) throws { try row.check() }
    @Test(arguments: callers) func callerAndPrincipal(_ row: Row) throws { try row.check() }

    /// Today's flat list of SCPs is one level; Deny-only SCPs stand beside the default FullAWSAccess.
    @Test func aFlatListIsOneLevel() throws {
        let denyOnly = try Row.document([S.deny("backup:DeleteBackupVault")], name: "deny")
        let allowList = try Row.document([S.allow("s3:*")], name: "s3")
        #expect(ServiceControlPolicies(flat: [denyOnly]).levels.map { $0.map(\.name) } == [["deny", "FullAWSAccess"]])
        #expect(ServiceControlPolicies(flat: [denyOnly, allowList]).levels.map { $0.map(\.name) } == [["deny", "s3"]])
        #expect(ServiceControlPolicies(flat: []).isEmpty)
    }
}
