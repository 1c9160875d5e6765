import AWSClient
import Foundation

/// KMS, read only to judge a vault's key: who manages it (`KeyManager`: AWS or CUSTOMER) and what
/// it is called (its aliases). JSON 1.1, target prefix `TrentService`.
enum KMSCalls {
    struct KeyAnswer: Decodable {
        struct Metadata: Decodable {
            var KeyId: String
            var Arn: String?
            var KeyManager: String?
            var KeyState: String?
        }
        var KeyMetadata: Metadata
    }

    struct AliasesAnswer: Decodable {
        struct Alias: Decodable {
            var AliasName: String?
            var TargetKeyId: String?
        }
        var Aliases: [Alias]?
        var NextMarker: String?
        var Truncated: Bool?
    }

    private struct KeyInput: Encodable {
        var KeyId: String
    }

    private struct AliasesInput: Encodable {
        var KeyId: String
        var Marker: String?
    }

    static func describeKey(_ keyId: String) throws -> AWSOperation {
        try .json(.kms, "DescribeKey", version: .v1_1, targetPrefix: "TrentService", input: KeyInput(KeyId: keyId))
    }

    static func listAliases(keyId: String, marker: String?) throws -> AWSOperation {
        try .json(.kms, "ListAliases", version: .v1_1, targetPrefix: "TrentService", input: AliasesInput(KeyId: keyId, Marker: marker))
    }
}
