/// What the client needs to know about one AWS service to reach it: the names botocore uses for
/// its endpoint, its signature, its endpoint override variable and its `services` config key.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The botocore client name (`backup`, `events`, `sso-oidc`).
    public let name: String
    /// The host prefix of the default endpoint (`backup` → `backup.<region>.amazonaws.com`).
    public let endpointPrefix: String
    /// The SigV4 signing name.
    public let signingName: String
    /// `AWS_ENDPOINT_URL_<envName>`: the service id upper-cased, spaces as `_`.
    public let envName: String
    /// The key inside a `[services NAME]` section: the service id in snake case.
    public let configKey: String
    /// For a global service, the region it is always reached and signed in (per partition).
    public let globalRegion: (@Sendable (Partition) -> String)?

    public init(
        name: String, endpointPrefix: String, signingName: String, envName: String, configKey: String,
        globalRegion: (@Sendable (Partition) -> String)? = nil
    ) {
        self.name = name
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
        self.envName = envName
        self.configKey = configKey
        self.globalRegion = globalRegion
    }

    public var description: String { name }
    public static func == (a: AWSService, b: AWSService) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public static let backup = AWSService(
        name: "backup", endpointPrefix: "backup", signingName: "backup", envName: "BACKUP", configKey: "backup")
    /// STS, regional endpoints (CLI v2's `sts_regional_endpoints = regional`).
    public static let sts = AWSService(
        name: "sts", endpointPrefix: "sts", signingName: "sts", envName: "STS", configKey: "sts")
    /// The SSO portal (GetRoleCredentials); calls are unsigned, authorised by the bearer token.
    public static let sso = AWSService(
        name: "sso", endpointPrefix: "portal.sso", signingName: "awsssoportal", envName: "SSO", configKey: "sso")
    public static let ssoOIDC = AWSService(
        name: "sso-oidc", endpointPrefix: "oidc", signingName: "sso-oauth", envName: "SSO_OIDC", configKey: "sso_oidc")
    public static let cloudTrail = AWSService(
        name: "cloudtrail", endpointPrefix: "cloudtrail", signingName: "cloudtrail", envName: "CLOUDTRAIL",
        configKey: "cloudtrail")
    public static let sqs = AWSService(
        name: "sqs", endpointPrefix: "sqs", signingName: "sqs", envName: "SQS", configKey: "sqs")
    /// EventBridge: client `events`, but service id `EventBridge`.
    public static let eventBridge = AWSService(
        name: "events", endpointPrefix: "events", signingName: "events", envName: "EVENTBRIDGE", configKey: "eventbridge")
    public static let kms = AWSService(
        name: "kms", endpointPrefix: "kms", signingName: "kms", envName: "KMS", configKey: "kms")
    /// Organizations: global, reached in us-east-1 (aws), cn-northwest-1 (aws-cn), us-gov-west-1 (aws-us-gov).
    public static let organizations = AWSService(
        name: "organizations", endpointPrefix: "organizations", signingName: "organizations", envName: "ORGANIZATIONS",
        configKey: "organizations",
        globalRegion: { partition in
            switch partition {
            case .aws: return "us-east-1"
            case .china: return "cn-northwest-1"
            case .govCloud: return "us-gov-west-1"
            }
        })
}

/// The AWS partition a region belongs to, which decides the endpoint's DNS suffix.
public enum Partition: Sendable {
    case aws, china, govCloud

    public init(region: String) {
        if region.hasPrefix("cn-") {
            self = .china
        } else if region.hasPrefix("us-gov-") {
            self = .govCloud
        } else {
            self = .aws
        }
    }

    public var dnsSuffix: String { self == .china ? "amazonaws.com.cn" : "amazonaws.com" }
}
