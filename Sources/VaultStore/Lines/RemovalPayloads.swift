import Foundation

/// The `data` of a `vault-removed` line: `{"at":…,"name":…}`.
struct VaultRemoval: Codable {
    var name: String
    var at: Date
}

/// The `data` of a `recovery-point-removed` line: `{"arn":…,"at":…,"vaultName":…}`.
struct RecoveryPointRemoval: Codable {
    var arn: String
    var vaultName: String
    var at: Date
}
