import AWSClient
import Foundation
import VaultCore

/// The AWS Backup calls as `AWSOperation`s, serialised as botocore serialises them (labels
/// percent-encoded, query names lower camel, body members PascalCase, timestamps ISO 8601 in the
/// query): what a driver of the emulator sends, and what the tests hold against botocore's model.
public enum BackupRequest {
    static func call(
        _ name: String, _ method: String, _ path: String, labels: [String: String] = [:], query: [(String, String)] = [],
        body: [String: Any]? = nil
    ) throws -> AWSOperation {
        var data: Data?
        if let body { data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) }
        return try AWSOperation.restJSON(.backup, name, method: method, path: path, labels: labels, query: query, body: data)
    }

    static func lifecycle(_ lifecycle: Lifecycle) -> [String: Any] {
        var out: [String: Any] = [:]
        if let days = lifecycle.deleteAfterDays { out["DeleteAfterDays"] = days }
        if let days = lifecycle.moveToColdStorageAfterDays { out["MoveToColdStorageAfterDays"] = days }
        return out
    }

    static func paging(_ nextToken: String?, _ maxResults: Int?) -> [(String, String)] {
        var query: [(String, String)] = []
        if let nextToken { query.append(("nextToken", nextToken)) }
        if let maxResults { query.append(("maxResults", String(maxResults))) }
        return query
    }

    public static func createBackupVault(
        _ name: String, encryptionKeyArn: String? = nil, creatorRequestId: String = UUID().uuidString
    ) throws -> AWSOperation {
        var body: [String: Any] = ["CreatorRequestId": creatorRequestId]
        if let encryptionKeyArn { body["EncryptionKeyArn"] = encryptionKeyArn }
        return try call(
            "CreateBackupVault", "PUT", "/backup-vaults/{backupVaultName}", labels: ["backupVaultName": name], body: body)
    }

    public static func describeBackupVault(_ name: String) throws -> AWSOperation {
        try call("DescribeBackupVault", "GET", "/backup-vaults/{backupVaultName}", labels: ["backupVaultName": name])
    }

    public static func listBackupVaults(nextToken: String? = nil, maxResults: Int? = nil) throws -> AWSOperation {
        try call("ListBackupVaults", "GET", "/backup-vaults/", query: paging(nextToken, maxResults))
    }

    public static func deleteBackupVault(_ name: String) throws -> AWSOperation {
        try call("DeleteBackupVault", "DELETE", "/backup-vaults/{backupVaultName}", labels: ["backupVaultName": name])
    }

    public static func putBackupVaultLockConfiguration(
        _ name: String, minRetentionDays: Int?, maxRetentionDays: Int?, changeableForDays: Int?
    ) throws -> AWSOperation {
        var body: [String: Any] = [:]
        if let minRetentionDays { body["MinRetentionDays"] = minRetentionDays }
        if let maxRetentionDays { body["MaxRetentionDays"] = maxRetentionDays }
        if let changeableForDays { body["ChangeableForDays"] = changeableForDays }
        return try call(
            "PutBackupVaultLockConfiguration", "PUT", "/backup-vaults/{backupVaultName}/vault-lock",
            labels: ["backupVaultName": name], body: body)
    }

    public static func deleteBackupVaultLockConfiguration(_ name: String) throws -> AWSOperation {
        try call(
            "DeleteBackupVaultLockConfiguration", "DELETE", "/backup-vaults/{backupVaultName}/vault-lock",
            labels: ["backupVaultName": name])
    }

    public static func putBackupVaultAccessPolicy(_ name: String, policy: String) throws -> AWSOperation {
        try call(
            "PutBackupVaultAccessPolicy", "PUT", "/backup-vaults/{backupVaultName}/access-policy",
            labels: ["backupVaultName": name], body: ["Policy": policy])
    }

    public static func getBackupVaultAccessPolicy(_ name: String) throws -> AWSOperation {
        try call(
            "GetBackupVaultAccessPolicy", "GET", "/backup-vaults/{backupVaultName}/access-policy",
            labels: ["backupVaultName": name])
    }

    public static func deleteBackupVaultAccessPolicy(_ name: String) throws -> AWSOperation {
        try call(
            "DeleteBackupVaultAccessPolicy", "DELETE", "/backup-vaults/{backupVaultName}/access-policy",
            labels: ["backupVaultName": name])
    }

    public static func putBackupVaultNotifications(_ name: String, topicArn: String, events: [String]) throws
        -> AWSOperation
    {
        try call(
            "PutBackupVaultNotifications", "PUT", "/backup-vaults/{backupVaultName}/notification-configuration",
            labels: ["backupVaultName": name], body: ["SNSTopicArn": topicArn, "BackupVaultEvents": events])
    }

    public static func getBackupVaultNotifications(_ name: String) throws -> AWSOperation {
        try call(
            "GetBackupVaultNotifications", "GET", "/backup-vaults/{backupVaultName}/notification-configuration",
            labels: ["backupVaultName": name])
    }

    public static func deleteBackupVaultNotifications(_ name: String) throws -> AWSOperation {
        try call(
            "DeleteBackupVaultNotifications", "DELETE", "/backup-vaults/{backupVaultName}/notification-configuration",
            labels: ["backupVaultName": name])
    }

    public static func startBackupJob(
        vault: String, resourceArn: String, iamRoleArn: String, lifecycle: Lifecycle,
        idempotencyToken: String = UUID().uuidString
    ) throws -> AWSOperation {
        try call(
            "StartBackupJob", "PUT", "/backup-jobs",
            body: [
                "BackupVaultName": vault, "ResourceArn": resourceArn, "IamRoleArn": iamRoleArn,
                "Lifecycle": Self.lifecycle(lifecycle), "IdempotencyToken": idempotencyToken,
            ])
    }

    public static func describeBackupJob(_ id: String) throws -> AWSOperation {
        try call("DescribeBackupJob", "GET", "/backup-jobs/{backupJobId}", labels: ["backupJobId": id])
    }

    public static func listBackupJobs(
        vault: String? = nil, state: String? = nil, createdAfter: Date? = nil, nextToken: String? = nil,
        maxResults: Int? = nil
    ) throws -> AWSOperation {
        var query = paging(nextToken, maxResults)
        if let state { query.append(("state", state)) }
        if let vault { query.append(("backupVaultName", vault)) }
        if let createdAfter { query.append(("createdAfter", UTC.iso(createdAfter))) }
        return try call("ListBackupJobs", "GET", "/backup-jobs/", query: query)
    }

    public static func startCopyJob(
        recoveryPointArn: String, sourceVault: String, destinationVaultArn: String, iamRoleArn: String,
        lifecycle: Lifecycle? = nil, idempotencyToken: String = UUID().uuidString
    ) throws -> AWSOperation {
        var body: [String: Any] = [
            "RecoveryPointArn": recoveryPointArn, "SourceBackupVaultName": sourceVault,
            "DestinationBackupVaultArn": destinationVaultArn, "IamRoleArn": iamRoleArn,
            "IdempotencyToken": idempotencyToken,
        ]
        if let lifecycle { body["Lifecycle"] = Self.lifecycle(lifecycle) }
        return try call("StartCopyJob", "PUT", "/copy-jobs", body: body)
    }

    public static func startRestoreJob(
        recoveryPointArn: String, iamRoleArn: String, metadata: [String: String] = [:],
        idempotencyToken: String = UUID().uuidString
    ) throws -> AWSOperation {
        try call(
            "StartRestoreJob", "PUT", "/restore-jobs",
            body: [
                "RecoveryPointArn": recoveryPointArn, "IamRoleArn": iamRoleArn, "Metadata": metadata,
                "IdempotencyToken": idempotencyToken,
            ])
    }

    public static func describeCopyJob(_ id: String) throws -> AWSOperation {
        try call("DescribeCopyJob", "GET", "/copy-jobs/{copyJobId}", labels: ["copyJobId": id])
    }

    public static func listCopyJobs(
        destinationVaultArn: String? = nil, nextToken: String? = nil, maxResults: Int? = nil
    ) throws -> AWSOperation {
        var query = paging(nextToken, maxResults)
        if let destinationVaultArn { query.append(("destinationVaultArn", destinationVaultArn)) }
        return try call("ListCopyJobs", "GET", "/copy-jobs/", query: query)
    }

    public static func listRecoveryPointsByBackupVault(
        _ vault: String, nextToken: String? = nil, maxResults: Int? = nil, createdAfter: Date? = nil
    ) throws -> AWSOperation {
        var query = paging(nextToken, maxResults)
        if let createdAfter { query.append(("createdAfter", UTC.iso(createdAfter))) }
        return try call(
            "ListRecoveryPointsByBackupVault", "GET", "/backup-vaults/{backupVaultName}/recovery-points/",
            labels: ["backupVaultName": vault], query: query)
    }

    public static func describeRecoveryPoint(vault: String, arn: String) throws -> AWSOperation {
        try call(
            "DescribeRecoveryPoint", "GET", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}",
            labels: ["backupVaultName": vault, "recoveryPointArn": arn])
    }

    public static func updateRecoveryPointLifecycle(vault: String, arn: String, lifecycle: Lifecycle) throws
        -> AWSOperation
    {
        try call(
            "UpdateRecoveryPointLifecycle", "POST", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}",
            labels: ["backupVaultName": vault, "recoveryPointArn": arn], body: ["Lifecycle": Self.lifecycle(lifecycle)])
    }

    public static func deleteRecoveryPoint(vault: String, arn: String) throws -> AWSOperation {
        try call(
            "DeleteRecoveryPoint", "DELETE", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}",
            labels: ["backupVaultName": vault, "recoveryPointArn": arn])
    }

    /// `CreateBackupPlan` with one rule per (name, vault, schedule, lifecycle).
    public static func createBackupPlan(
        name: String, rules: [(name: String, vault: String, schedule: String, lifecycle: Lifecycle)],
        creatorRequestId: String = UUID().uuidString
    ) throws -> AWSOperation {
        let plan: [String: Any] = [
            "BackupPlanName": name,
            "Rules": rules.map {
                [
                    "RuleName": $0.name, "TargetBackupVaultName": $0.vault, "ScheduleExpression": $0.schedule,
                    "Lifecycle": Self.lifecycle($0.lifecycle),
                ] as [String: Any]
            },
        ]
        return try call("CreateBackupPlan", "PUT", "/backup/plans/", body: ["BackupPlan": plan, "CreatorRequestId": creatorRequestId])
    }

    public static func getBackupPlan(_ id: String) throws -> AWSOperation {
        try call("GetBackupPlan", "GET", "/backup/plans/{backupPlanId}/", labels: ["backupPlanId": id])
    }

    public static func listBackupPlans(nextToken: String? = nil, maxResults: Int? = nil) throws -> AWSOperation {
        try call("ListBackupPlans", "GET", "/backup/plans/", query: paging(nextToken, maxResults))
    }

    public static func listProtectedResources(nextToken: String? = nil, maxResults: Int? = nil) throws -> AWSOperation {
        try call("ListProtectedResources", "GET", "/resources/", query: paging(nextToken, maxResults))
    }

    /// CloudTrail `LookupEvents` for AWS Backup's events (JSON 1.1).
    public static func lookupEvents(nextToken: String? = nil, maxResults: Int = 50, startTime: Date? = nil) throws
        -> AWSOperation
    {
        var body: [String: Any] = [
            "LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "backup.amazonaws.com"]],
            "MaxResults": maxResults,
        ]
        if let nextToken { body["NextToken"] = nextToken }
        if let startTime { body["StartTime"] = Int(startTime.timeIntervalSince1970) }
        return AWSOperation.json(
            .cloudTrail, "LookupEvents", version: .v1_1,
            targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
    }
}
