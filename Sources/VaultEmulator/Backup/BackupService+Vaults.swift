import Foundation
import VaultCore
import VaultDemo

extension BackupService {
    func vaults(_ call: BackupCall) throws(ServiceError) -> Data {
        let name = call.label("backupVaultName")
        let (principal, origin, now) = (call.principal, call.origin, call.now)
        switch call.operation {
        case .createBackupVault:
            let vault = try answer(
                backend.createBackupVault(
                    named: name, encryptionKeyArn: try call.string("EncryptionKeyArn"),
                    creatorRequestId: try call.string("CreatorRequestId"), by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupVaultName", vault.name)
            out.add("BackupVaultArn", vault.arn)
            out.add("CreationDate", date: vault.creationDate)
            return out.data
        case .describeBackupVault:
            let description = try answer(backend.describeBackupVault(named: name, by: principal, from: origin, at: now))
            return BackupShapes.vault(description).data
        case .listBackupVaults:
            let limit = try call.maxResults()
            var vaults = try answer(backend.listBackupVaults(by: principal, from: origin, at: now))
            if let type = call.query["vaultType"], type != "BACKUP_VAULT" { vaults = [] }
            if call.query["shared"] == "true" { vaults = [] }
            let page = try PageToken.page(vaults, token: call.query["nextToken"], scope: "vaults", limit: limit)
            var out = JSONWriter()
            out.add("BackupVaultList", objects: page.items.map(BackupShapes.vault))
            out.add("NextToken", page.next)
            return out.data
        case .deleteBackupVault:
            try answer(backend.deleteBackupVault(named: name, by: principal, from: origin, at: now))
            return Self.empty
        case .putBackupVaultLockConfiguration:
            let min = try call.integer("MinRetentionDays")
            let max = try call.integer("MaxRetentionDays")
            let changeable = try call.integer("ChangeableForDays")
            _ = try answer(
                backend.putBackupVaultLockConfiguration(
                    vaultName: name, minRetentionDays: min, maxRetentionDays: max, changeableForDays: changeable,
                    by: principal, from: origin, at: now))
            return Self.empty
        case .deleteBackupVaultLockConfiguration:
            _ = try answer(backend.deleteBackupVaultLockConfiguration(vaultName: name, by: principal, from: origin, at: now))
            return Self.empty
        default:
            preconditionFailure("\(call.operation) is not a vault operation")
        }
    }

    func settings(_ call: BackupCall) throws(ServiceError) -> Data {
        let name = call.label("backupVaultName")
        let (principal, origin, now) = (call.principal, call.origin, call.now)
        switch call.operation {
        case .putBackupVaultAccessPolicy:
            let policy = try call.required("Policy")
            try answer(
                backend.putBackupVaultAccessPolicy(
                    backupVaultName: name, policy: policy, by: principal, from: origin, at: now))
            return Self.empty
        case .getBackupVaultAccessPolicy:
            let policy = try answer(
                backend.getBackupVaultAccessPolicy(backupVaultName: name, by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupVaultName", name)
            out.add("BackupVaultArn", backend.vaultArn(name))
            out.add("Policy", policy)
            return out.data
        case .deleteBackupVaultAccessPolicy:
            try answer(backend.deleteBackupVaultAccessPolicy(backupVaultName: name, by: principal, from: origin, at: now))
            return Self.empty
        case .putBackupVaultNotifications:
            let topic = try call.required("SNSTopicArn")
            guard let events = call.body["BackupVaultEvents"] as? [String] else {
                throw .missingParameter("BackupVaultEvents")
            }
            try answer(
                backend.putBackupVaultNotifications(
                    backupVaultName: name, snsTopicArn: topic, events: events, by: principal, from: origin, at: now))
            return Self.empty
        case .getBackupVaultNotifications:
            let settings = try answer(
                backend.getBackupVaultNotifications(backupVaultName: name, by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupVaultName", name)
            out.add("BackupVaultArn", backend.vaultArn(name))
            out.add("SNSTopicArn", settings.topicArn)
            out.add("BackupVaultEvents", strings: settings.events)
            return out.data
        case .deleteBackupVaultNotifications:
            try answer(backend.deleteBackupVaultNotifications(backupVaultName: name, by: principal, from: origin, at: now))
            return Self.empty
        default:
            preconditionFailure("\(call.operation) is not a vault settings operation")
        }
    }
}
