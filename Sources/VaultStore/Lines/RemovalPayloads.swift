import Foundation
import VaultCore

/// The `data` of a `vault-removed` line: `{"accountId":…,"at":…,"name":…,"region":…}` (no account
/// or region before schema 3).
struct VaultRemoval: Codable {
    var name: String
    var accountId: String?
    var region: String?
    var at: Date

    init(_ vault: VaultKey, at: Date) {
        name = vault.name
        accountId = vault.isLegacy ? nil : vault.accountId
        region = vault.isLegacy ? nil : vault.region
        self.at = at
    }

    var vault: VaultKey { VaultKey(accountId: accountId ?? "", region: region ?? "", name: name) }
}

/// The `data` of a `recovery-point-removed` line: `{"accountId":…,"arn":…,"at":…,"region":…,
/// "vaultName":…}` (no account or region before schema 3).
struct RecoveryPointRemoval: Codable {
    var arn: String
    var vaultName: String
    var accountId: String?
    var region: String?
    var at: Date

    init(arn: String, vault: VaultKey, at: Date) {
        self.arn = arn
        vaultName = vault.name
        accountId = vault.isLegacy ? nil : vault.accountId
        region = vault.isLegacy ? nil : vault.region
        self.at = at
    }

    var vault: VaultKey { VaultKey(accountId: accountId ?? "", region: region ?? "", name: vaultName) }
}
