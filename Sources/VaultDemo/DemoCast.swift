import VaultCore

/// The people and services acting in the demo account, and where their calls come from.
public enum DemoCast {
    static let account = DemoAccount.accountId

    /// The vault administrator (an admin: exempt from the guardrail, not from the lock).
    public static let admin = Principal.role("BackupVaultAdmin", session: "maria.santos", account: account)
    /// The CloudFormation StackSet execution role that deployed the vaults (an admin).
    public static let stackSet = Principal.role(
        "AWSCloudFormationStackSetExecutionRole", session: "stackset-central-backup-vault", account: account)
    /// AWS Backup running this account's own backup plans.
    public static let backupService = Principal.role(
        "AWSBackupDefaultServiceRole", session: "AWSBackup-AWSBackupDefaultServiceRole", account: account)
    public static let backupRoleArn = "arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole"

    /// A DevOps engineer with broad rights, but not a vault admin.
    public static let alice = Principal.role("DevOps", session: "alice", account: account)
    /// The account's root user: the SCP binds it too.
    public static let root = Principal.root(account: account)
    /// A CI user with long-lived keys.
    public static let ciDeployer = Principal.user("ci-deployer", account: account)
    /// A role of an account outside the organisation, using a stolen session.
    public static let intruder = Principal.role(
        "svc-sync-tmp", session: "botocore-session-1732017755", account: "210987654321")
    public static let intruderVaultArn = "arn:aws:backup:us-east-1:210987654321:backup-vault:offsite-sync"

    /// A member account's AWS Backup role, which copies its backups into the central vaults.
    public static func memberBackupService(_ account: String) -> Principal {
        Principal.role(
            "AWSBackupDefaultServiceRole", session: "AWSBackup-AWSBackupDefaultServiceRole", account: account)
    }

    public static func memberBackupRoleArn(_ account: String) -> String {
        "arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole"
    }

    /// Where each principal's calls come from.
    public static func origin(of principal: Principal) -> CallOrigin {
        switch principal {
        case alice:
            return CallOrigin(sourceIPAddress: "203.0.113.7", userAgent: CallOrigin.cli.userAgent)
        case root:
            return CallOrigin(sourceIPAddress: "192.0.2.66", userAgent: CallOrigin.console.userAgent)
        case ciDeployer:
            return CallOrigin(
                sourceIPAddress: "198.51.100.77",
                userAgent:
                    "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.70.0")
        case intruder:
            return CallOrigin(
                sourceIPAddress: "203.0.113.250",
                userAgent: "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.12.1")
        case stackSet:
            return .cloudFormation
        case admin:
            return .console
        default:
            return principal.kind == .awsService || principal.arn.contains("AWSBackupDefaultServiceRole")
                ? .backupService : .cli
        }
    }
}
