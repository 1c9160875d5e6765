/// `vault.kms.customer_managed`: the vault's key exists and the customer manages it, so its key
/// policy, not AWS's, decides who can decrypt (posture-checks.md check 7).
enum KeyCheck {
    static func result(for vault: Vault) -> PostureResult {
        let subject = PostureSubject.vault(vault.key)
        let id = "vault.kms.customer_managed"
        let title = "Encrypted with a customer-managed KMS key"
        let key = vault.encryptionKeyAlias ?? vault.encryptionKeyArn ?? "the vault's key"
        switch vault.encryptionKeyType {
        case .customerManaged? where vault.encryptionKeyAlias?.hasPrefix("alias/aws/") == true:
            // AWS-managed keys (alias/aws/backup) report as KMS keys too, but their policy is AWS's.
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "Encrypted with the AWS-managed key \(key): its key policy is AWS's, not the account's.")
        case .customerManaged?:
            return PostureResult(id, title, subject: subject, verdict: .pass, reason: "Customer-managed key \(key).")
        case .awsOwned?:
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "Encrypted with an AWS-owned key: no key policy of the account controls who can decrypt.")
        case nil:
            return PostureResult(
                id, title, subject: subject, verdict: .unknown,
                reason: "The source did not report the vault's encryption key type.")
        }
    }
}
