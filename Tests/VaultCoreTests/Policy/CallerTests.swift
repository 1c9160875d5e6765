import Testing
import VaultCore

/// The caller ARN and what IAM derives from it (IAM User Guide, AWS global condition context keys:
/// aws:PrincipalArn, aws:PrincipalType, aws:username, aws:userid), and AWS Backup's action names.
@Suite struct CallerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let arn: String
        let principalArn: String?
        let type: String?
        let userName: String?
        var testDescription: String { arn }
    }

    static let rows: [Row] = [
        Row(arn: "arn:aws:sts::111122223333:assumed-role/Dev/alice", principalArn: "arn:aws:iam::111122223333:role/Dev",
            type: "AssumedRole", userName: nil),
        Row(arn: "arn:aws:iam::111122223333:user/ops/alice", principalArn: "arn:aws:iam::111122223333:user/ops/alice",
            type: "User", userName: "alice"),
        Row(arn: "arn:aws:iam::111122223333:root", principalArn: "arn:aws:iam::111122223333:root", type: "Account",
            userName: nil),
        Row(arn: "arn:aws:sts::111122223333:federated-user/alice",
            principalArn: "arn:aws:sts::111122223333:federated-user/alice", type: "FederatedUser", userName: nil),
        Row(arn: "arn:aws-cn:sts::111122223333:assumed-role/Dev/s", principalArn: "arn:aws-cn:iam::111122223333:role/Dev",
            type: "AssumedRole", userName: nil),
        Row(arn: "arn:aws:sts::111122223333:assumed-role/Dev", principalArn: nil, type: nil, userName: nil),
        Row(arn: "arn:aws:s3:::bucket", principalArn: nil, type: nil, userName: nil),
        Row(arn: "111122223333", principalArn: nil, type: nil, userName: nil),
    ]

    @Test(arguments: rows) func derivedKeys(_ row: Row) {
        switch Caller.parse(row.arn) {
        case .success(let caller):
            #expect(caller.principalArn == row.principalArn)
            #expect(caller.principalType == row.type)
            #expect(caller.userName == row.userName)
            #expect(caller.derivedContext["aws:PrincipalAccount"] == ["111122223333"])
        case .failure(let error):
            #expect(row.principalArn == nil, "\(error)")
        }
    }

    @Test func rootAndFederatedUserIDs() throws {
        #expect(try Caller.parse("arn:aws:iam::111122223333:root").get().userID == "111122223333")
        #expect(try Caller.parse("arn:aws:sts::111122223333:federated-user/bob").get().userID == "111122223333:bob")
        #expect(try Caller.parse("arn:aws:sts::111122223333:assumed-role/Dev/bob").get().derivedContext["aws:RoleSessionName"] == ["bob"])
    }

    /// Service Authorization Reference, Actions defined by AWS Backup: the API's operations and the
    /// permission-only actions; IAM action names are case-insensitive.
    @Test func backupActions() {
        #expect(BackupActions.canonical("backup:deleterecoverypoint") == "DeleteRecoveryPoint")
        #expect(BackupActions.canonical("CopyIntoBackupVault") == "CopyIntoBackupVault")
        #expect(BackupActions.canonical("backup:CopyFromBackupVault") == "CopyFromBackupVault")
        #expect(BackupActions.canonical("backup:DeleteRecoveryPiont") == nil)
        #expect(BackupActions.suggestion(for: "backup:DeleteRecoveryPiont") == "DeleteRecoveryPoint")
        #expect(BackupActions.suggestion(for: "PutBackupVaultLockConfig") == "PutBackupVaultLockConfiguration")
        #expect(BackupActions.suggestion(for: "backup:Frobnicate") == nil)
        #expect(
            BackupActions.unknownActionMessage("backup:StartRestorJob")
                == "AWS Backup has no action \"backup:StartRestorJob\"; did you mean backup:StartRestoreJob?")
        #expect(BackupActions.all.count == 110)
    }
}
