/// The seeds' alert rule: a sensitive action on a watched vault by anyone but the vault admins.
/// (Full EventBridge patterns replace this matcher in a later step; the alert it raises stays.)
public struct AlertRule: Codable, Equatable, Sendable {
    public var name: String
    public var sensitiveActions: [String]
    /// Role ARNs (session issuers), user ARNs or root ARNs allowed to manage the vaults.
    public var adminArns: [String]
    /// Vault names watched; nil watches every vault.
    public var vaultNames: [String]?

    public init(name: String, sensitiveActions: [String], adminArns: [String], vaultNames: [String]? = nil) {
        self.name = name
        self.sensitiveActions = sensitiveActions
        self.adminArns = adminArns
        self.vaultNames = vaultNames
    }

    /// The actions the seeds' EventBridge rule and SCP cover.
    public static let seedSensitiveActions = [
        "DeleteBackupVault", "DeleteBackupVaultAccessPolicy", "DeleteBackupVaultLockConfiguration",
        "DeleteRecoveryPoint", "PutBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration",
        "UpdateRecoveryPointLifecycle", "StartCopyJob", "StartRestoreJob",
        "DeleteBackupVaultNotifications", "PutBackupVaultNotifications",
    ]

    /// The seeds' rule for a central backup account: the vault admin and the StackSet execution role.
    public static func seed(account: String) -> AlertRule {
        AlertRule(
            name: "central-vault-unauthorized-actions",
            sensitiveActions: seedSensitiveActions,
            adminArns: [
                "arn:aws:iam::\(account):role/BackupVaultAdmin",
                "arn:aws:iam::\(account):role/AWSCloudFormationStackSetExecutionRole",
            ])
    }

    public func isAdmin(_ principal: Principal) -> Bool { adminArns.contains(principal.judgedArn) }

    /// The alert `call` raises, or nil when it is not a sensitive action by a non-admin.
    public func evaluate(_ call: ApiCall) -> Alert? {
        guard sensitiveActions.contains(call.action), !isAdmin(call.principal) else { return nil }
        if let vaults = vaultNames {
            guard let vault = call.vaultName, vaults.contains(vault) else { return nil }
        }
        return Alert(raisedBy: name, for: call)
    }
}
