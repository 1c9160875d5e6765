import Foundation

/// A set of AWS credentials. The secret key and the session token are kept out of every
/// description: `description`, `debugDescription`, `dump` and string interpolation show only the
/// access key id's last four characters, the source and the expiry.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public let accessKeyId: String
    public let secretAccessKey: String
    public let sessionToken: String?
    public let expiration: Date?
    public let accountId: String?
    /// Where they came from, in botocore's method names (`env`, `assume-role`, `sso`, …).
    public let source: CredentialSource

    public init(
        accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        accountId: String? = nil, source: CredentialSource
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        self.expiration = expiration
        self.accountId = accountId
        self.source = source
    }

    /// The access key id with all but its last four characters masked, as `aws configure list` shows it.
    public var maskedAccessKeyId: String {
        accessKeyId.count <= 4 ? "****" : "****" + accessKeyId.suffix(4)
    }

    /// Whether they expire within `window` seconds of `now` (never, without an expiration).
    public func expires(within window: TimeInterval, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= window
    }

    public var description: String {
        var text = "AWSCredentials(\(maskedAccessKeyId), \(source.rawValue)"
        if sessionToken != nil { text += ", session" }
        if let expiration { text += ", expires \(Timestamp.iso8601(expiration))" }
        return text + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": maskedAccessKeyId, "source": source.rawValue], displayStyle: .struct)
    }
}

/// The provider that produced a set of credentials (botocore's `method` names).
public enum CredentialSource: String, Sendable, Equatable {
    case environment = "env"
    case assumeRole = "assume-role"
    case webIdentity = "assume-role-with-web-identity"
    case sso = "sso"
    case sharedCredentialsFile = "shared-credentials-file"
    case process = "custom-process"
    case configFile = "config-file"
    case container = "container-role"
    case instanceMetadata = "iam-role"
    case supplied = "explicit"
}
