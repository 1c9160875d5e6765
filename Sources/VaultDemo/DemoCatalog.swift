import Foundation
import VaultCore

/// A resource of the organisation and the plan rule that backs it up into the central account.
struct DemoCatalogEntry: Sendable {
    var resource: ProtectedResource
    var plan: DemoPlan

    /// The plan's run at `time`: a copy in from the member account, or a backup job here.
    func run(at time: Date, seed: UInt64) -> DemoAct {
        let resource = resource
        let plan = plan
        let noise = DemoIds.unit(["size", String(seed), resource.arn, DemoIds.millis(time)])
        let size = Int64(Double(resource.sizeBytes) * (0.97 + 0.06 * noise))
        return DemoAct(time: time) { backend, _, now in
            guard plan.copied, let member = DemoCatalog.owner(of: resource) else {
                _ = backend.startBackupJob(
                    backupVaultName: plan.vault, resourceArn: resource.arn, iamRoleArn: DemoCast.backupRoleArn,
                    lifecycle: plan.lifecycle, by: DemoCast.backupService, from: .backupService, at: now)
                return
            }
            let source = CopySource(
                recoveryPointArn: "arn:aws:backup:\(DemoAccount.region):\(member):recovery-point:"
                    + DemoIds.uuid(["member-point", resource.arn, DemoIds.millis(now)]).uppercased(),
                resource: resource, sizeBytes: size)
            _ = backend.copyIntoBackupVault(
                source, backupVaultName: plan.vault, lifecycle: plan.lifecycle,
                iamRoleArn: DemoCast.memberBackupRoleArn(member), by: DemoCast.memberBackupService(member),
                from: .backupService, at: now)
        }
    }
}

/// What the organisation backs up into the central account: a few hundred recovery points at
/// any time, from three member accounts and the central account itself.
enum DemoCatalog {
    static let gib: Int64 = 1 << 30
    static let prod = DemoAccount.prodAccount
    static let analytics = DemoAccount.analyticsAccount
    static let payments = DemoAccount.paymentsAccount
    static let central = DemoAccount.accountId

    /// The RDS database of the seeds' walk-throughs, backed up on demand only.
    static let database2 = ProtectedResource(
        arn: "arn:aws:rds:us-east-1:\(central):db:database-2", type: "RDS", name: "database-2", sizeBytes: 50 * gib)

    static let unscheduled = [database2]

    /// The account a resource lives in. S3 bucket ARNs carry none: the bucket names here end
    /// with their account's id.
    static func owner(of resource: ProtectedResource) -> String? {
        if let account = resource.account, !account.isEmpty { return account }
        for account in [prod, analytics, payments, central] where resource.arn.hasSuffix(account) { return account }
        return nil
    }

    static let entries: [DemoCatalogEntry] = {
        let v = DemoAccount.self
        func daily(_ vault: String, _ days: Int, _ i: Int, copied: Bool = true) -> DemoPlan {
            DemoPlan(
                vault: vault, lifecycle: Lifecycle(deleteAfterDays: days), everyHours: 24, atMinute: (i * 97) % 1440,
                copied: copied)
        }
        func weekly(_ vault: String, _ days: Int, cold: Int? = nil, _ i: Int) -> DemoPlan {
            DemoPlan(
                vault: vault, lifecycle: Lifecycle(moveToColdStorageAfterDays: cold, deleteAfterDays: days),
                everyHours: 168, atMinute: (i * 1511) % 10_080, copied: true)
        }
        func entry(_ arn: String, _ type: String, _ name: String, _ gibs: Int64, _ plan: DemoPlan) -> DemoCatalogEntry {
            DemoCatalogEntry(
                resource: ProtectedResource(arn: arn, type: type, name: name, sizeBytes: gibs * gib), plan: plan)
        }
        return [
            // Production, copied daily into the central vault.
            entry(
                "arn:aws:rds:us-east-1:\(prod):db:orders-prod", "RDS", "orders-prod", 120,
                daily(v.centralVault, 35, 1)),
            entry(
                "arn:aws:rds:us-east-1:\(prod):db:customers-prod", "RDS", "customers-prod", 80,
                daily(v.centralVault, 35, 2)),
            entry(
                "arn:aws:rds:us-east-1:\(prod):cluster:checkout-aurora", "Aurora", "checkout-aurora", 240,
                daily(v.centralVault, 35, 3)),
            entry(
                "arn:aws:ec2:us-east-1:\(prod):instance/i-0a1b2c3d4e5f60718", "EC2", "顧客DB", 200,
                daily(v.centralVault, 35, 4)),
            entry(
                "arn:aws:ec2:us-east-1:\(prod):instance/i-03f9e8d7c6b5a4321", "EC2", "web-frontend-1", 30,
                daily(v.centralVault, 14, 5)),
            entry(
                "arn:aws:elasticfilesystem:us-east-1:\(prod):file-system/fs-0c1d2e3f4a5b6c7d8", "EFS", "café-orders",
                60,
                weekly(v.centralVault, 97, cold: 7, 6)),
            entry(
                "arn:aws:dynamodb:us-east-1:\(prod):table/sessions", "DynamoDB", "sessions", 12,
                daily(v.centralVault, 35, 7)),
            entry(
                "arn:aws:s3:::prod-invoices-\(prod)", "S3", "prod-invoices-\(prod)", 350, daily(v.centralVault, 35, 8)),
            entry(
                "arn:aws:s3:::payments-audit-\(payments)", "S3", "payments-audit-\(payments)", 90,
                daily(v.centralVault, 35, 9)),
            // Analytics, copied weekly into the governance-mode vault.
            entry(
                "arn:aws:dynamodb:us-east-1:\(analytics):table/events-raw", "DynamoDB", "events-raw", 500,
                weekly(v.governanceVault, 180, cold: 30, 10)),
            entry(
                "arn:aws:s3:::analytics-lake-\(analytics)", "S3", "analytics-lake-\(analytics)", 2048,
                weekly(v.governanceVault, 90, 11)),
            entry(
                "arn:aws:ec2:us-east-1:\(analytics):instance/i-0b2c3d4e5f6a70819", "EC2", "spark-master", 100,
                weekly(v.governanceVault, 90, 12)),
            entry(
                "arn:aws:rds:us-east-1:\(analytics):db:warehouse-meta", "RDS", "warehouse-meta", 40,
                weekly(v.governanceVault, 90, 13)),
            entry(
                "arn:aws:elasticfilesystem:us-east-1:\(analytics):file-system/fs-0d2e3f4a5b6c7d8e9", "EFS", "notebooks",
                25,
                weekly(v.governanceVault, 120, cold: 14, 14)),
            // Payments, copied daily into WORM_vault.
            entry(
                "arn:aws:rds:us-east-1:\(payments):cluster:ledger-aurora", "Aurora", "ledger-aurora", 310,
                daily(v.wormVault, 14, 15)),
            entry(
                "arn:aws:rds:us-east-1:\(payments):db:payments-core", "RDS", "payments-core", 150,
                daily(v.wormVault, 14, 16)),
            entry(
                "arn:aws:dynamodb:us-east-1:\(payments):table/card-tokens", "DynamoDB", "card-tokens", 8,
                daily(v.wormVault, 21, 17)),
            entry(
                "arn:aws:elasticfilesystem:us-east-1:\(payments):file-system/fs-0e3f4a5b6c7d8e9fa", "EFS",
                "settlement-files",
                45, daily(v.wormVault, 30, 18)),
            // The central account's own, backed up into the scratch vault.
            entry(
                "arn:aws:ec2:us-east-1:\(central):instance/i-0c3d4e5f6a7b8091a", "EC2", "bastion", 16,
                daily(v.scratchVault, 5, 19, copied: false)),
            DemoCatalogEntry(
                resource: ProtectedResource(
                    arn: "arn:aws:s3:::ci-artifacts-\(central)", type: "S3", name: "ci-artifacts-\(central)",
                    sizeBytes: 20 * gib),
                plan: DemoPlan(
                    vault: v.scratchVault, lifecycle: Lifecycle(deleteAfterDays: 3), everyHours: 12, atMinute: 215,
                    copied: false)),
        ]
    }()
}
