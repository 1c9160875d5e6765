/// The AWS Backup actions the guardrails are about, and what IAM authorizes each against.
public enum SensitiveAction {
    /// Actions on a recovery point rather than on the vault: IAM authorizes them against the
    /// point's ARN, which does not name its vault.
    public static let recoveryPointActions: Set<String> = [
        "deleterecoverypoint", "updaterecoverypointlifecycle", "startrestorejob", "startcopyjob",
        "disassociaterecoverypoint", "putrestorevalidationresult",
    ]

    /// Case-insensitive, as IAM action names are; with or without the `backup:` prefix.
    public static func isRecoveryPointAction(_ action: String) -> Bool {
        let bare = action.lowercased().hasPrefix("backup:") ? String(action.dropFirst(7)) : action
        return recoveryPointActions.contains(bare.lowercased())
    }

    /// `arn:aws:backup:us-east-1:111122223333:recovery-point:`, in the vault's own partition.
    public static func recoveryPointArnPrefix(of vault: Vault) -> String {
        let partition = ARN(vault.arn)?.partition ?? "aws"
        return "arn:\(partition):backup:\(vault.region):\(vault.accountId):recovery-point:"
    }

    /// The resource a request for `action` on `vault` names: any of its recovery points, or the vault.
    public static func resource(for action: String, on vault: Vault) -> String {
        isRecoveryPointAction(action) ? recoveryPointArnPrefix(of: vault) + "*" : vault.arn
    }
}
