import Foundation
import VaultCore

extension DemoBackend {
    /// `PutBackupVaultLockConfiguration`. With `changeableForDays` the lock date is that many days
    /// after the call (compliance mode); without it the lock stays changeable (governance mode).
    public func putBackupVaultLockConfiguration(
        vaultName: String, minRetentionDays: Int? = nil, maxRetentionDays: Int? = nil, changeableForDays: Int? = nil,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Vault, BackupServiceError> {
        perform(
            "PutBackupVaultLockConfiguration", by: principal, from: origin, at: now, vault: vaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(vaultName)
            let verdict = VaultLockRules.putLock(
                minRetentionDays: minRetentionDays, maxRetentionDays: maxRetentionDays,
                changeableForDays: changeableForDays, on: holding.vault, at: now)
            guard verdict.isAllowed else { throw .invalidRequest(verdict.reason) }
            holding.vault.lock = LockConfiguration.requested(
                minRetentionDays: minRetentionDays, maxRetentionDays: maxRetentionDays,
                changeableForDays: changeableForDays, at: now)
            holdings[vaultName] = holding
            emit(.vault(holding.vault))
            return holding.vault
        }
    }

    /// `DeleteBackupVaultLockConfiguration`: possible without a lock date and before it, never after.
    public func deleteBackupVaultLockConfiguration(
        vaultName: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Vault, BackupServiceError> {
        perform(
            "DeleteBackupVaultLockConfiguration", by: principal, from: origin, at: now, vault: vaultName
        ) { () throws(BackupServiceError) in
            var holding = try requireVault(vaultName)
            let verdict = VaultLockRules.deleteLock(on: holding.vault, at: now)
            guard verdict.isAllowed else { throw .invalidRequest(verdict.reason) }
            holding.vault.lock = nil
            holdings[vaultName] = holding
            emit(.vault(holding.vault))
            return holding.vault
        }
    }
}
