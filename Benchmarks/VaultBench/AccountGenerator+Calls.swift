import Foundation
import VaultCore

extension AccountGenerator {
    /// Who calls AWS Backup in a central account, and how often (the backup service's own
    /// `StartBackupJob` calls are drawn apart, as the most frequent event).
    static func caller(_ rng: inout BenchRandom) -> Principal {
        let a = account
        switch rng.below(100) {
        case 0..<35: return .role("BackupVaultAdmin", session: rng.pick(["dana", "erik", "fatima"]), account: a)
        case 35..<45:
            return .role("AWSCloudFormationStackSetExecutionRole", session: "stackset-\(rng.hex(8))", account: a)
        case 45..<60: return .role("DevOps", session: rng.pick(["alice", "bob", "chen"]), account: a)
        case 60..<75: return .role("ReadOnly", session: rng.pick(["auditor", "grafana", "alice"]), account: a)
        case 75..<85: return .role("AWSBackupDefaultServiceRole", session: "AWSBackup-\(rng.hex(8))", account: a)
        case 85..<95: return .user(rng.pick(["ci-deployer", "svc-sync-tmp"]), account: a)
        case 95..<98:
            return Principal(kind: .federatedUser, arn: "arn:aws:sts::\(a):federated-user/carol", accountId: a)
        default: return .root(account: a)
        }
    }

    /// eventName and weight: mostly scheduled backups and reads, with every sensitive action.
    static let actions: [(String, Int)] = [
        ("StartBackupJob", 40), ("DescribeBackupVault", 10), ("ListRecoveryPointsByBackupVault", 10),
        ("GetBackupVaultAccessPolicy", 4), ("DescribeRecoveryPoint", 4), ("TagResource", 3), ("StartReportJob", 2),
        ("CreateBackupVault", 1), ("StartCopyJob", 6), ("StartRestoreJob", 3), ("UpdateRecoveryPointLifecycle", 4),
        ("DeleteRecoveryPoint", 6), ("PutBackupVaultAccessPolicy", 2), ("DeleteBackupVaultAccessPolicy", 1),
        ("PutBackupVaultLockConfiguration", 1), ("DeleteBackupVaultLockConfiguration", 1), ("DeleteBackupVault", 1),
        ("PutBackupVaultNotifications", 1), ("DeleteBackupVaultNotifications", 1),
    ]

    static let pointActions: Set = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "StartCopyJob", "StartRestoreJob",
        "DescribeRecoveryPoint",
    ]

    static let userAgents = [
        "aws-cli/2.17.1 md/awscrt#0.20.11 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.9",
        "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.219 lang/python#3.12.4",
        "AWS Internal", "Terraform/1.9.2 terraform-provider-aws/5.60.0 (+https://registry.terraform.io)",
    ]

    /// Call `i`, about half a minute after call `i - 1`; the last one shortly before `epoch`.
    public func call(at i: Int) -> ApiCall {
        var rng = random(.call, i)
        let action = rng.pick(weighted: Self.actions)
        let scheduled = action == "StartBackupJob" && rng.chance(0.9)
        let principal =
            scheduled
            ? .role("AWSBackupDefaultServiceRole", session: "AWSBackup-\(rng.hex(8))", account: Self.account)
            : Self.caller(&rng)
        let v = rng.below(spec.vaults)
        let vault = vaultName(v)
        let admin = ["BackupVaultAdmin", "AWSCloudFormationStackSetExecutionRole"].contains {
            principal.judgedArn.hasSuffix("role/\($0)")
        }
        let sensitive = AlertRule.seedSensitiveActions.contains(action)
        var errorCode: String?
        var errorMessage: String?
        if sensitive, !admin, rng.chance(0.85) {
            errorCode = "AccessDenied"
            errorMessage =
                "User: \(principal.arn) is not authorized to perform: backup:\(action) on resource: "
                + "arn:aws:backup:\(Self.region):\(Self.account):backup-vault:\(vault) with an explicit deny in a service control policy"
        } else if sensitive, rng.chance(0.03) {
            errorCode = "InvalidRequestException"
            errorMessage = "Vault Lock is in compliance mode on \(vault): the request is refused"
        }
        let pointArn =
            Self.pointActions.contains(action) && spec.points > 0 ? point(at: rng.below(spec.points)).arn : nil
        return ApiCall(
            id: rng.uuid(), time: Self.epoch.addingTimeInterval(-30 * Double(spec.calls - i) + Double(rng.below(30))),
            action: action, principal: principal,
            sourceIPAddress: principal.kind == .assumedRole && scheduled
                ? "backup.amazonaws.com" : "198.51.100.\(1 + rng.below(254))",
            userAgent: scheduled ? "backup.amazonaws.com" : rng.pick(Self.userAgents), vaultName: vault,
            recoveryPointArn: pointArn, errorCode: errorCode, errorMessage: errorMessage, accountId: Self.account,
            region: Self.region)
    }

    /// An operator's acknowledgement of the alert raised by call `i`, for about a third of them.
    public func acknowledgement(of alert: Alert, call i: Int) -> Acknowledgement? {
        var rng = random(.acknowledgement, i)
        guard rng.chance(0.35) else { return nil }
        return Acknowledgement(
            id: rng.uuid(), alertId: alert.id, by: rng.pick(["dana@ops-1", "erik@ops-2", "fatima@laptop"]),
            at: alert.time.addingTimeInterval(Double(60 + rng.below(86_400))),
            note: rng.chance(0.5)
                ? rng.pick(["expected: SCP held", "ticket SEC-\(1_000 + rng.below(9_000))", "rehearsal"]) : nil)
    }
}
