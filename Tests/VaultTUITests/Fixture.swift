import Foundation
import VaultCore

@testable import VaultTUI

/// A small central backup account at a fixed instant, with hostile strings where AWS lets
/// outsiders choose them (resource names, session names, notes).
enum Fixture {
    static let now = UTC.date(year: 2026, month: 11, day: 23, hour: 14, minute: 2, second: 11)
    static let account = "111122223333"
    static let region = "us-east-1"

    static func key(_ name: String) -> VaultKey { VaultKey(accountId: account, region: region, name: name) }
    static let lockDate = UTC.date(year: 2026, month: 11, day: 25, hour: 10, minute: 12, second: 38)

    static func days(_ n: Double) -> TimeInterval { n * 86_400 }

    static var vaults: [Vault] {
        func vault(_ name: String, lock: LockConfiguration?, cmk: Bool = true) -> Vault {
            Vault(
                name: name, arn: "arn:aws:backup:us-east-1:\(account):backup-vault:\(name)", accountId: account,
                region: "us-east-1", creationDate: now.addingTimeInterval(-days(400)),
                encryptionKeyArn: "arn:aws:kms:us-east-1:\(account):key/1234abcd-12ab-34cd-56ef-1234567890ab",
                encryptionKeyType: cmk ? .customerManaged : .awsOwned, encryptionKeyAlias: cmk ? "alias/central-backup" : nil,
                lock: lock)
        }
        return [
            vault("central-backup-vault", lock: LockConfiguration(minRetentionDays: 5, lockDate: now.addingTimeInterval(-days(30)))),
            vault("WORM_vault", lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30, lockDate: lockDate)),
            vault("legacy-governance", lock: LockConfiguration(minRetentionDays: 1, maxRetentionDays: 365), cmk: false),
            vault("scratch", lock: nil, cmk: false),
        ]
    }

    static func point(
        _ n: Int, vault: String, type: String, name: String?, account src: String, ageDays: Double, keep: Int?,
        cold: Int? = nil, size: Int64
    ) -> RecoveryPoint {
        let service = ["EC2": "ec2", "RDS": "rds", "EFS": "elasticfilesystem", "DynamoDB": "dynamodb", "S3": "s3"][type] ?? "ec2"
        return RecoveryPoint(
            arn: "arn:aws:backup:us-east-1:\(account):recovery-point:\(String(format: "%08x", n * 7919))-rp",
            vaultName: vault, accountId: account, region: region, resourceArn: "arn:aws:\(service):us-east-1:\(src):resource/\(name ?? "r\(n)")",
            resourceType: type, resourceName: name, creationDate: now.addingTimeInterval(-days(ageDays)),
            completionDate: now.addingTimeInterval(-days(ageDays) + 600), sizeBytes: size,
            lifecycle: Lifecycle(moveToColdStorageAfterDays: cold, deleteAfterDays: keep),
            iamRoleArn: "arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole")
    }

    static var points: [RecoveryPoint] {
        [
            point(1, vault: "central-backup-vault", type: "RDS", name: "orders-db", account: "444455556666", ageDays: 1, keep: 35, size: 52_000_000_000),
            point(2, vault: "central-backup-vault", type: "EFS", name: "顧客DB-share", account: "777788889999", ageDays: 3.5, keep: 180, cold: 30, size: 1_300_000_000_000),
            point(3, vault: "WORM_vault", type: "EC2", name: "web-1\u{1B}[31mRED", account: "444455556666", ageDays: 2, keep: 7, size: 8_000_000_000),
            point(4, vault: "WORM_vault", type: "DynamoDB", name: "sessions\u{202E}gpj.exe", account: "222233334444", ageDays: 6.5, keep: 7, size: 900_000_000),
            point(5, vault: "legacy-governance", type: "S3", name: "café-archive", account: "777788889999", ageDays: 40, keep: nil, size: 3_000_000),
            point(6, vault: "scratch", type: "EC2", name: "tmp-build", account: "444455556666", ageDays: 10, keep: 9, size: 20_000_000_000),
        ]
    }

    static func call(_ n: Int, _ action: String, _ who: Principal, vault: String, error: String?, minutesAgo: Double) -> ApiCall {
        ApiCall(
            id: "evt-\(n)", time: now.addingTimeInterval(-minutesAgo * 60), action: action, principal: who,
            sourceIPAddress: "203.0.113.\(n)", vaultName: vault, errorCode: error,
            errorMessage: error == nil ? nil : "User is not authorized to perform backup:\(action) with an explicit deny in a service control policy",
            accountId: account, region: "us-east-1")
    }

    static var calls: [ApiCall] {
        [
            call(1, "DeleteRecoveryPoint", .role("DevOps", session: "alice", account: account), vault: "central-backup-vault", error: "AccessDenied", minutesAgo: 95),
            call(2, "PutBackupVaultAccessPolicy", .root(account: account), vault: "WORM_vault", error: "AccessDenied", minutesAgo: 42),
            call(3, "DeleteRecoveryPoint", .user("ci-deployer", account: account), vault: "scratch", error: nil, minutesAgo: 12),
            call(4, "DeleteBackupVaultLockConfiguration", .role("DevOps", session: "mallory\u{1B}]0;pwned\u{07}", account: account), vault: "WORM_vault", error: "AccessDenied", minutesAgo: 3),
        ]
    }

    static var rule: AlertRule { AlertRule.seed(account: account) }

    static var records: [Record] {
        var r: [Record] = vaults.map { .vault($0) } + points.map { .recoveryPoint($0) }
        r.append(.job(BackupJob(
            id: "job-1", kind: .backup, vaultName: "central-backup-vault", resourceArn: "arn:aws:rds:us-east-1:444455556666:db:orders-db",
            resourceType: "RDS", lifecycle: Lifecycle(deleteAfterDays: 1), state: .failed,
            statusMessage: "A 1-day retention is below the Vault Lock minimum of 5 days on central-backup-vault: the backup job fails.",
            creationDate: now.addingTimeInterval(-1800))))
        r.append(.job(BackupJob(
            id: "job-2", kind: .backup, vaultName: "central-backup-vault", resourceArn: "arn:aws:rds:us-east-1:444455556666:db:orders-db",
            resourceType: "RDS", lifecycle: Lifecycle(deleteAfterDays: 6), state: .completed, creationDate: now.addingTimeInterval(-1700))))
        for c in calls {
            r.append(.call(c))
            if let a = rule.evaluate(c) { r.append(.alert(a)) }
        }
        r.append(.acknowledgement(Acknowledgement(
            id: "ack-1", alertId: Alert.id(forCall: "evt-1"), by: "sam@ops", at: now.addingTimeInterval(-3000),
            note: "alice's break-glass test, ticket OPS-1142")))
        r.append(.sync(SyncStatus(source: "demo", accountId: account, region: "us-east-1", at: now.addingTimeInterval(-4))))
        for vault in ["central-backup-vault", "WORM_vault"] {
            r.append(.policy(.accessPolicy(of: key(vault), document: accessPolicy, at: now.addingTimeInterval(-days(2)))))
        }
        r.append(.policy(.serviceControlPolicy(named: "central-backup-guardrail", document: scp, at: now)))
        return r
    }

    static let admins = AlertRule.seed(account: account).adminArns

    /// Denies deleting and changing to all but the admins.
    static var accessPolicy: String {
        let actions = ["DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "PutBackupVaultAccessPolicy",
            "DeleteBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration"]
        return #"{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllButVaultAdmins","Effect":"Deny","Principal":"*","#
            + #""Action":[\#(actions.map { "\"backup:\($0)\"" }.joined(separator: ","))],"Resource":"*","#
            + #""Condition":{"ArnNotLike":{"aws:PrincipalArn":[\#(admins.map { "\"\($0)\"" }.joined(separator: ","))]}}}]}"#
    }

    /// Scoped to the vault's ARN only, as the seeds describe it: recovery-point actions slip past it.
    static var scp: String {
        let actions = AlertRule.seedSensitiveActions.map { "\"backup:\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":{"Sid":"DenyVaultChanges","Effect":"Deny","Action":[\#(actions)],"#
            + #""Resource":"arn:aws:backup:*:\#(account):backup-vault:central-backup-vault","#
            + #""Condition":{"ArnNotLike":{"aws:PrincipalArn":[\#(admins.map { "\"\($0)\"" }.joined(separator: ","))]}}}}"#
    }

    static var guardrails: GuardrailSetup {
        GuardrailSetup(rules: [rule], settings: GuardrailSettings(adminArns: admins, minRetentionDays: 7))
    }

    static var state: AccountState {
        var s = AccountState()
        s.apply(records)
        return s
    }

    static func app(width: Int = 80, height: Int = 24) -> AppState {
        AppState(
            snapshot: AccountSnapshot(state: state, sourceName: "demo", generation: 1), now: now, width: width,
            height: height, identity: "tester@host", guardrailSetup: guardrails)
    }
}
