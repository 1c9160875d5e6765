import Foundation
import VaultCore
import VaultDemo

/// The KMS keys of the emulated account: the customer managed keys the emulator was given (the
/// demo's, with their aliases) and any other key a vault of the account names, which KMS then
/// knows as a customer managed key without an alias. A vault with no key of its own uses an AWS
/// owned key, which is not in the account and which KMS does not describe.
struct KMSKeys {
    struct Key: Equatable {
        var arn: String
        var keyId: String
        var aliases: [String]
        var creationDate: Date?
    }

    let accountId: String
    let region: String
    let keys: [Key]

    init(given: [DemoKey], vaults: [Vault], accountId: String, region: String) {
        self.accountId = accountId
        self.region = region
        var byArn: [String: Key] = [:]
        var order: [String] = []
        func add(_ arn: String, alias: String?, created: Date?) {
            guard let parsed = ARN(arn), parsed.service == "kms", parsed.account == accountId, parsed.region == region,
                parsed.resource.hasPrefix("key/")
            else { return }
            if byArn[arn] == nil {
                byArn[arn] = Key(arn: arn, keyId: String(parsed.resource.dropFirst(4)), aliases: [], creationDate: created)
                order.append(arn)
            }
            if let alias, !(byArn[arn]?.aliases.contains(alias) ?? true) { byArn[arn]?.aliases.append(alias) }
            if let created, byArn[arn]?.creationDate.map({ created < $0 }) ?? true { byArn[arn]?.creationDate = created }
        }
        for key in given { add(key.arn, alias: key.alias, created: nil) }
        for vault in vaults {
            guard let arn = vault.encryptionKeyArn, vault.encryptionKeyType != .awsOwned else { continue }
            add(arn, alias: vault.encryptionKeyAlias, created: vault.creationDate)
        }
        keys = order.compactMap { byArn[$0] }
    }

    func aliasArn(_ alias: String) -> String { "arn:aws:kms:\(region):\(accountId):\(alias)" }

    /// The key `keyId` names — a key id, a key ARN, an alias name or an alias ARN — as seen from
    /// `account`: a key id or an alias name is looked up in the caller's own account.
    func resolve(_ keyId: String, from account: String) -> (key: Key?, account: String) {
        if keyId.hasPrefix("arn:") {
            guard let arn = ARN(keyId), arn.service == "kms" else { return (nil, account) }
            guard arn.account == accountId, arn.region == region else { return (nil, arn.account) }
            if arn.resource.hasPrefix("alias/") {
                return (keys.first { $0.aliases.contains(arn.resource) }, arn.account)
            }
            return (keys.first { $0.arn == keyId }, arn.account)
        }
        guard account == accountId else { return (nil, account) }
        if keyId.hasPrefix("alias/") { return (keys.first { $0.aliases.contains(keyId) }, account) }
        return (keys.first { $0.keyId == keyId }, account)
    }
}
