import Foundation
import VaultCore

extension DemoGuardrail {
    /// The SCP as an operator would find it in AWS Organizations: one `Deny` of the sensitive
    /// actions on the guarded vaults and on recovery points (whose ARNs do not name their vault),
    /// unless the caller's ARN is one of the vault admins'.
    public func document(account: String) -> String {
        let actions = deniedActions.sorted().map { "backup:\($0)" }
        let resources =
            guardedVaults.sorted().map { "arn:aws:backup:*:\(account):backup-vault:\($0)" }
            + ["arn:aws:backup:*:\(account):recovery-point:*"]
        let statement: [String: Any] = [
            "Sid": "DenyVaultChangesToAllButVaultAdmins",
            "Effect": "Deny",
            "Action": actions,
            "Resource": resources,
            "Condition": ["ArnNotLike": ["aws:PrincipalArn": adminArns]],
        ]
        let policy: [String: Any] = ["Version": "2012-10-17", "Statement": [statement]]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: policy, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { preconditionFailure("a policy of strings serializes") }
        return text
    }

    /// The record a source answers for this SCP.
    public func record(account: String, at date: Date) -> Record {
        .policy(.serviceControlPolicy(named: policyName, document: document(account: account), at: date))
    }
}
