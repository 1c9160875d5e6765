import AWSClient
import Foundation

/// The AWS Backup operations vaultwatch makes, each as its model routes it (§6.1 of the facts:
/// trailing slashes are significant, labels are encoded, list queries are lower camel case). All of
/// them read; vaultwatch never calls a mutating API.
enum BackupCalls {
    static let pageSize = 1000

    static func listBackupVaults(type: String?, token: String?) throws -> AWSOperation {
        var query = [("maxResults", String(pageSize))]
        if let type { query.append(("vaultType", type)) }
        if let token { query.append(("nextToken", token)) }
        return try .restJSON(.backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/", query: query)
    }

    static func describeBackupVault(_ name: String) throws -> AWSOperation {
        try .restJSON(.backup, "DescribeBackupVault", method: "GET", path: "/backup-vaults/{backupVaultName}",
            labels: ["backupVaultName": name])
    }

    static func listRecoveryPoints(vault: String, createdAfter: Date?, token: String?) throws -> AWSOperation {
        var query = [("maxResults", String(pageSize))]
        if let createdAfter { query.append(("createdAfter", iso(createdAfter))) }
        if let token { query.append(("nextToken", token)) }
        return try .restJSON(
            .backup, "ListRecoveryPointsByBackupVault", method: "GET", path: "/backup-vaults/{backupVaultName}/recovery-points/",
            labels: ["backupVaultName": vault], query: query)
    }

    static func getAccessPolicy(_ vault: String) throws -> AWSOperation {
        try .restJSON(.backup, "GetBackupVaultAccessPolicy", method: "GET", path: "/backup-vaults/{backupVaultName}/access-policy",
            labels: ["backupVaultName": vault])
    }

    static func getNotifications(_ vault: String) throws -> AWSOperation {
        try .restJSON(
            .backup, "GetBackupVaultNotifications", method: "GET",
            path: "/backup-vaults/{backupVaultName}/notification-configuration", labels: ["backupVaultName": vault])
    }

    static func listBackupJobs(createdAfter: Date, token: String?) throws -> AWSOperation {
        var query = [("maxResults", String(pageSize)), ("createdAfter", iso(createdAfter))]
        if let token { query.append(("nextToken", token)) }
        return try .restJSON(.backup, "ListBackupJobs", method: "GET", path: "/backup-jobs/", query: query)
    }

    static func listCopyJobs(createdAfter: Date, token: String?) throws -> AWSOperation {
        var query = [("maxResults", String(pageSize)), ("createdAfter", iso(createdAfter))]
        if let token { query.append(("nextToken", token)) }
        return try .restJSON(.backup, "ListCopyJobs", method: "GET", path: "/copy-jobs/", query: query)
    }

    static func listBackupPlans(token: String?) throws -> AWSOperation {
        var query = [("maxResults", String(pageSize))]
        if let token { query.append(("nextToken", token)) }
        return try .restJSON(.backup, "ListBackupPlans", method: "GET", path: "/backup/plans/", query: query)
    }

    static func getBackupPlan(_ id: String) throws -> AWSOperation {
        try .restJSON(.backup, "GetBackupPlan", method: "GET", path: "/backup/plans/{backupPlanId}/",
            labels: ["backupPlanId": id])
    }

    /// ISO 8601 in UTC, as botocore serialises a timestamp in a query string.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
