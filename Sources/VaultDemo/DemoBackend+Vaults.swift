import Foundation
import VaultCore

extension DemoBackend {
    /// `CreateBackupVault`. A customer managed key when `encryptionKeyArn` is given, else the
    /// AWS owned key.
    public func createBackupVault(
        named name: String, encryptionKeyArn: String? = nil, encryptionKeyAlias: String? = nil,
        creatorRequestId: String? = nil, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Vault, BackupServiceError> {
        perform(
            "CreateBackupVault", by: principal, from: origin, at: now, vault: name
        ) { () throws(BackupServiceError) in
            guard Self.isValidVaultName(name) else {
                throw .invalidParameterValue(
                    "Invalid backup vault name \(name): use 2–50 letters, digits, hyphens and underscores.")
            }
            if let known = holdings[name], let creatorRequestId, known.creatorRequestId == creatorRequestId {
                return known.vault
            }
            guard holdings[name] == nil else {
                throw .alreadyExists("Backup vault with the same name already exists: \(name).")
            }
            let vault = Vault(
                name: name, arn: vaultArn(name), accountId: accountId, region: region, creationDate: now,
                encryptionKeyArn: encryptionKeyArn,
                encryptionKeyType: encryptionKeyArn == nil ? .awsOwned : .customerManaged,
                encryptionKeyAlias: encryptionKeyAlias)
            let request = creatorRequestId ?? DemoIds.uuid(["creator-request", accountId, name, DemoIds.millis(now)])
            holdings[name] = DemoVaultHoldings(vault: vault, creatorRequestId: request)
            emit(.vault(vault))
            return vault
        }
    }

    /// `DescribeBackupVault`.
    public func describeBackupVault(
        named name: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<BackupVaultDescription, BackupServiceError> {
        perform(
            "DescribeBackupVault", by: principal, from: origin, at: now, vault: name
        ) { () throws(BackupServiceError) in
            describe(try requireVault(name), at: now)
        }
    }

    /// `ListBackupVaults`, sorted by name.
    public func listBackupVaults(
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[BackupVaultDescription], BackupServiceError> {
        perform("ListBackupVaults", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            vaultNames.compactMap { holdings[$0] }.map { describe($0, at: now) }
        }
    }

    /// `DeleteBackupVault`: only an empty vault can be deleted.
    public func deleteBackupVault(
        named name: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<Void, BackupServiceError> {
        perform(
            "DeleteBackupVault", by: principal, from: origin, at: now, vault: name
        ) { () throws(BackupServiceError) in
            let holding = try requireVault(name)
            guard holding.points.isEmpty else {
                throw .invalidRequest(
                    "Backup vault \(name) cannot be deleted because it contains \(holding.points.count) "
                        + "recovery points.")
            }
            holdings[name] = nil
            emit(.vaultRemoved(key(name), at: now))
        }
    }

    func describe(_ holding: DemoVaultHoldings, at now: Date) -> BackupVaultDescription {
        BackupVaultDescription(
            vault: holding.vault, numberOfRecoveryPoints: holding.points.count,
            creatorRequestId: holding.creatorRequestId, locked: holding.vault.lockState(at: now).isLocked)
    }

    /// AWS's rule for vault names: 2 to 50 of `a-z A-Z 0-9 - _`.
    static func isValidVaultName(_ name: String) -> Bool {
        (2...50).contains(name.utf8.count)
            && name.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
                    || c == 0x5F
            }
    }
}
