import Foundation
import VaultCore

extension DemoBackend {
    /// `PutBackupVaultAccessPolicy`. The document must be a JSON object; it is kept and recorded,
    /// not enforced (the simulated SCP stands in for enforcement; vaultwatch evaluates it).
    public func putBackupVaultAccessPolicy(
        backupVaultName: String, policy: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Void, BackupServiceError> {
        perform(
            "PutBackupVaultAccessPolicy", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            guard let data = policy.data(using: .utf8),
                (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
            else {
                throw .invalidParameterValue("The access policy is not a valid JSON policy document.")
            }
            holding.accessPolicy = policy
            holdings[backupVaultName] = holding
            emit(.policy(.accessPolicy(of: key(backupVaultName), document: policy, at: now)))
        }
    }

    /// `GetBackupVaultAccessPolicy`.
    public func getBackupVaultAccessPolicy(
        backupVaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<String, BackupServiceError> {
        perform(
            "GetBackupVaultAccessPolicy", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            guard let policy = try requireVault(backupVaultName).accessPolicy else {
                throw .resourceNotFound("Backup vault \(backupVaultName) has no access policy.")
            }
            return policy
        }
    }

    /// `DeleteBackupVaultAccessPolicy`; succeeds also when there is none.
    public func deleteBackupVaultAccessPolicy(
        backupVaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Void, BackupServiceError> {
        perform(
            "DeleteBackupVaultAccessPolicy", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            holding.accessPolicy = nil
            holdings[backupVaultName] = holding
            emit(.policy(.accessPolicy(of: key(backupVaultName), document: nil, at: now)))
        }
    }

    /// `PutBackupVaultNotifications`: where the vault's job events go.
    public func putBackupVaultNotifications(
        backupVaultName: String, snsTopicArn: String, events: [String] = ["BACKUP_JOB_FAILED", "COPY_JOB_FAILED"],
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Void, BackupServiceError> {
        perform(
            "PutBackupVaultNotifications", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            holding.notificationTopicArn = snsTopicArn
            holding.notificationEvents = events
            holdings[backupVaultName] = holding
        }
    }

    /// `GetBackupVaultNotifications`: the topic and the events, or `ResourceNotFoundException`
    /// when none are set.
    public func getBackupVaultNotifications(
        backupVaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<(topicArn: String, events: [String]), BackupServiceError> {
        perform(
            "GetBackupVaultNotifications", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            let holding = try requireVault(backupVaultName)
            guard let topic = holding.notificationTopicArn else {
                throw .resourceNotFound("Backup vault \(backupVaultName) has no notification configuration.")
            }
            return (topic, holding.notificationEvents)
        }
    }

    /// `DeleteBackupVaultNotifications`.
    public func deleteBackupVaultNotifications(
        backupVaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Void, BackupServiceError> {
        perform(
            "DeleteBackupVaultNotifications", by: principal, from: origin, at: now, vault: backupVaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(backupVaultName)
            holding.notificationTopicArn = nil
            holding.notificationEvents = []
            holdings[backupVaultName] = holding
        }
    }
}
