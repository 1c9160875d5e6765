import Foundation

/// AWS Backup's action names, shortened for a narrow ACTION column so that actions which begin
/// alike stay apart: `DelVaultLockConfig`, `DelVaultNotifications`, `DelVaultAccessPolicy`. The
/// detail always gives the full name.
enum ActionName {
    static let replacements: [(String, String)] = [
        ("BackupVault", "Vault"), ("Delete", "Del"), ("Configuration", "Config"), ("RecoveryPoint", "RecPoint"),
        ("Update", "Upd"), ("Disassociate", "Disassoc"),
    ]

    static func short(_ action: String) -> String {
        var out = action
        for (long, short) in replacements { out = out.replacingOccurrences(of: long, with: short) }
        return out
    }
}
