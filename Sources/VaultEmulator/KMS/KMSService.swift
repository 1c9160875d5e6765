import Foundation
import VaultCore

/// KMS (JSON 1.1, `TrentService`), read only: `DescribeKey` and `ListAliases` over the account's
/// keys (`KMSKeys`), with KMS's answers for a key that is not there (`NotFoundException`) and a
/// key of another account the caller has no grant for (`AccessDeniedException`, no key policy of
/// the emulated account names anyone outside it).
struct KMSService {
    static let targetPrefix = "TrentService"

    let keys: KMSKeys
    let enforcement: PolicyEnforcement

    func handle(_ call: JSONCall) throws(ServiceError) -> Data {
        var out = JSONWriter()
        switch call.operation {
        case "DescribeKey":
            let key = try find(try call.required("KeyId"), call)
            out.add("KeyMetadata") { metadata in
                metadata.add("AWSAccountId", keys.accountId)
                metadata.add("KeyId", key.keyId)
                metadata.add("Arn", key.arn)
                metadata.add("CreationDate", date: key.creationDate)
                metadata.add("Enabled", true)
                metadata.add("Description", "")
                metadata.add("KeyUsage", "ENCRYPT_DECRYPT")
                metadata.add("KeyState", "Enabled")
                metadata.add("Origin", "AWS_KMS")
                metadata.add("KeyManager", "CUSTOMER")
                metadata.add("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT")
                metadata.add("KeySpec", "SYMMETRIC_DEFAULT")
                metadata.add("EncryptionAlgorithms", strings: ["SYMMETRIC_DEFAULT"])
                metadata.add("MultiRegion", false)
            }
        case "ListAliases":
            var aliases: [(alias: String, key: KMSKeys.Key)] = []
            if let keyId = try call.string("KeyId") {
                let key = try find(keyId, call)
                aliases = key.aliases.sorted().map { ($0, key) }
            } else if call.principal.accountId == keys.accountId {
                try authorize(call, "arn:aws:kms:\(keys.region):\(keys.accountId):alias/*")
                aliases = keys.keys.flatMap { key in key.aliases.map { ($0, key) } }.sorted { $0.alias < $1.alias }
            }
            let page = try call.page(
                aliases, tokenKey: "Marker", limitKey: "Limit", limits: 1...100, defaultLimit: 50,
                scope: (try call.string("KeyId")) ?? call.principal.accountId)
            out.add("Aliases", each: page.items) { item, entry in
                item.add("AliasName", entry.alias)
                item.add("AliasArn", keys.aliasArn(entry.alias))
                item.add("TargetKeyId", entry.key.keyId)
                item.add("CreationDate", date: entry.key.creationDate)
            }
            out.add("NextMarker", page.next)
            out.add("Truncated", page.next != nil)
        default:
            throw ServiceError("UnknownOperationException", "vaultwatch's emulator does not offer KMS \(call.operation).")
        }
        return out.data
    }

    /// The key `keyId` names, once the caller may use it.
    private func find(_ keyId: String, _ call: JSONCall) throws(ServiceError) -> KMSKeys.Key {
        let (key, account) = keys.resolve(keyId, from: call.principal.accountId)
        if account == keys.accountId, let key {
            try authorize(call, key.arn)
            return key
        }
        if keyId.hasPrefix("arn:"), ARN(keyId)?.service != "kms" {
            throw ServiceError("InvalidArnException", "\(keyId) is not a KMS key or alias ARN.")
        }
        if keyId.hasPrefix("alias/") || keyId.contains(":alias/") {
            throw ServiceError("NotFoundException", "Alias \(keyId) is not found.")
        }
        throw ServiceError("NotFoundException", "Key '\(keyId)' does not exist")
    }

    private func authorize(_ call: JSONCall, _ resource: String) throws(ServiceError) {
        // A key of the emulated account used from another account needs its key policy's grant,
        // which no key here gives: the evaluator says so as for any resource-based policy.
        if let refusal = enforcement.refusal("kms:\(call.operation)", by: call.principal, on: resource) {
            throw ServiceError("AccessDeniedException", refusal)
        }
    }
}
