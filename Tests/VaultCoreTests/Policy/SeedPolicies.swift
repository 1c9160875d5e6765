import VaultCore

/// The seeds' vault access policy and SCP for the central backup account (shared/seeds, first article;
/// shared/docs/aws-backup-facts.md). The articles describe both documents but do not print their JSON, so
/// these are the documents the text describes: the vault access policy lets only the vault admin and the
/// StackSet execution role perform the five actions the article lists, as a Deny for every other
/// `aws:PrincipalArn` (`ArnNotLike`); the SCP denies the sensitive APIs its EventBridge rule watches on the
/// central vault to every principal but those two roles.
enum SeedPolicies {
    static let account = "111122223333"
    static let memberAccount = "444455556666"
    static let organization = "o-a1b2c3d4e5"
    static let vaultArn = "arn:aws:backup:us-east-1:111122223333:backup-vault:central-backup-vault"
    static let recoveryPointArn = "arn:aws:backup:us-east-1:111122223333:recovery-point:0f3a9e1c-2b7d"
    static let admin = "arn:aws:iam::111122223333:role/BackupVaultAdmin"
    static let stackSet = "arn:aws:iam::111122223333:role/AWSCloudFormationStackSetExecutionRole"
    static let intern = "arn:aws:iam::111122223333:role/Intern"
    static let root = "arn:aws:iam::111122223333:root"

    /// The actions the article says only the two roles may perform on the vault.
    static let vaultPolicyActions = [
        "StartCopyJob", "StartRestoreJob", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
        "PutBackupVaultAccessPolicy",
    ]

    static func quoted(_ items: [String], prefix: String = "") -> String {
        items.map { "\"\(prefix)\($0)\"" }.joined(separator: ", ")
    }

    static func vaultPolicyText(
        actions: [String] = vaultPolicyActions, admins: [String] = [admin, stackSet], test: String = "ArnNotLike"
    ) -> String {
        """
        {"Version": "2012-10-17",
         "Statement": [{"Sid": "DenyAllButVaultAdmins", "Effect": "Deny", "Principal": "*",
           "Action": [\(quoted(actions, prefix: "backup:"))], "Resource": "*",
           "Condition": {"\(test)": {"aws:PrincipalArn": [\(quoted(admins))]}}}]}
        """
    }

    static func scpText(
        actions: [String] = AlertRule.seedSensitiveActions, admins: [String] = [admin, stackSet],
        test: String = "ArnNotLike"
    ) -> String {
        """
        {"Version": "2012-10-17",
         "Statement": {"Sid": "DenyCentralVaultChanges", "Effect": "Deny",
           "Action": [\(quoted(actions, prefix: "backup:"))], "Resource": "\(vaultArn)",
           "Condition": {"\(test)": {"aws:PrincipalArn": [\(quoted(admins))]}}}}
        """
    }

    static func vaultPolicy(_ text: String = vaultPolicyText()) throws -> PolicyDocument {
        try PolicyDocument.parse(text, name: "access policy of central-backup-vault")
    }

    static func scp(_ text: String = scpText()) throws -> PolicyDocument {
        try PolicyDocument.parse(text, name: "central-backup-vault-guardrail")
    }

    static func request(_ principal: String, _ action: String, on resource: String = vaultArn) -> AccessRequest {
        AccessRequest(principalArn: principal, action: "backup:\(action)", resource: resource, orgID: organization)
    }
}
