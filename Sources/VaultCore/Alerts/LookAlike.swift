/// A principal whose name reads as an admin role's without being it: `BackupVaultAdmіn` with a
/// Cyrillic і, `BackupVaultAdmin ` with a trailing space, `Backup\u{200B}VaultAdmin`, or a role of
/// exactly the admin's name in another account (or under another path). In a list they look
/// exactly like the admin; flagged, they raise the alert's severity.
public enum LookAlike {
    /// The admin ARN the principal imitates, or nil (the admin itself is not a look-alike).
    public static func admin(imitatedBy principal: Principal, admins: [String]) -> String? {
        let judged = principal.judgedArn
        guard !admins.contains(judged) else { return nil }
        let name = self.name(of: judged)
        guard !name.isEmpty else { return nil }
        return admins.first { admin in
            let adminName = self.name(of: admin)
            return !adminName.isEmpty && (name == adminName || Confusables.looksAlike(name, adminName))
        }
    }

    /// The last part of an ARN's resource: `BackupVaultAdmin` of `arn:aws:iam::1:role/ops/BackupVaultAdmin`.
    public static func name(of arn: String) -> String {
        let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last.map(String.init) ?? arn
        return resource.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? resource
    }
}
