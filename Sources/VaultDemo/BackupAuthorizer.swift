import VaultCore

/// One call to authorize: who calls which action, on which vault (and recovery point), with the
/// vault's access policy as it stands.
public struct BackupAuthorizationRequest: Equatable, Sendable {
    /// The action without its service prefix (`DeleteRecoveryPoint`).
    public var action: String
    public var principal: Principal
    /// The account and region the call is made in (the backend's).
    public var accountId: String
    public var region: String
    public var vaultName: String?
    public var vaultArn: String?
    public var recoveryPointArn: String?
    /// The vault's access policy document, when it has one.
    public var accessPolicy: String?

    public init(
        action: String, principal: Principal, accountId: String, region: String, vaultName: String?,
        vaultArn: String?, recoveryPointArn: String?, accessPolicy: String?
    ) {
        self.action = action
        self.principal = principal
        self.accountId = accountId
        self.region = region
        self.vaultName = vaultName
        self.vaultArn = vaultArn
        self.recoveryPointArn = recoveryPointArn
        self.accessPolicy = accessPolicy
    }
}

/// Decides whether a call may go ahead before any Vault Lock rule is asked, as IAM does in front of
/// AWS Backup. Called with the backend's lock held: it must not call back into the backend.
public protocol BackupAuthorizer: Sendable {
    /// Nil to let the call through; otherwise the `AccessDenied` error the caller gets.
    func denial(of request: BackupAuthorizationRequest) -> BackupServiceError?
}
