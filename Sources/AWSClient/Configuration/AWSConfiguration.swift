import Foundation

/// Everything resolved from the environment and the shared files, as AWS CLI v2 resolves it:
/// the profile, the region, endpoints per service, retry settings and the CA bundle.
public struct AWSConfiguration: Sendable {
    public let environment: AWSEnvironment
    public let files: SharedConfig
    /// The profile in use: `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    public let profileName: String
    /// True when the profile was given explicitly (`--profile`): that disables the environment
    /// credential provider, as in the CLI; `AWS_PROFILE` does not.
    public let profileIsExplicit: Bool
    /// The profile's keys (config file merged with the credentials file).
    public let profile: [String: String]
    /// `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`; nil when none is set.
    public let region: String?
    /// Where the region came from (`--region`, `AWS_REGION`, …), for a configuration report.
    public let regionSource: String?
    /// `--endpoint-url`, per service: it reaches only the service it was given for. In particular the
    /// STS calls of the credential chain (assume-role, web identity) never use it, as in the AWS CLI
    /// (aws/aws-cli#7600); use `AWS_ENDPOINT_URL`/`AWS_ENDPOINT_URL_STS` to move those.
    public let explicitEndpoints: [AWSService: Endpoint]
    public let retry: RetryConfiguration
    /// `AWS_CA_BUNDLE` > profile `ca_bundle`: the only CAs `CurlTransport` trusts when set.
    public let caBundle: String?
    /// Where `caBundle` came from, for the TLS errors that name it.
    public var caBundleSource: String? {
        guard caBundle != nil else { return nil }
        return environment["AWS_CA_BUNDLE"] != nil ? "AWS_CA_BUNDLE" : "ca_bundle in profile \(profileName)"
    }

    /// Resolves the configuration. `profile`, `region` and `endpointURLs` are the command line's
    /// `--profile`, `--region` and `--endpoint-url` (for the services named).
    public init(
        environment: AWSEnvironment = .process(), profile explicitProfile: String? = nil, region explicitRegion: String? = nil,
        endpointURLs: [AWSService: String] = [:]
    ) throws {
        self.environment = environment
        files = try SharedConfig(environment: environment)
        let fromEnvironment = environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
        profileName = explicitProfile ?? fromEnvironment ?? "default"
        profileIsExplicit = explicitProfile != nil
        if let keys = files.profile(profileName) {
            profile = keys
        } else if explicitProfile != nil || fromEnvironment != nil {
            let via = explicitProfile != nil ? "--profile" : (environment["AWS_PROFILE"] != nil ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE")
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .missing, reason: "the config profile \"\(profileName)\" (from \(via)) could not be found",
                    lookedAt: [files.configFilePath, files.credentialsFilePath],
                    remedy: "aws configure --profile \(profileName)"))
        } else {
            profile = [:]
        }
        if let explicitRegion, !explicitRegion.isEmpty {
            (region, regionSource) = (explicitRegion, "--region")
        } else if let value = environment["AWS_REGION"] {
            (region, regionSource) = (value, "AWS_REGION")
        } else if let value = environment["AWS_DEFAULT_REGION"] {
            (region, regionSource) = (value, "AWS_DEFAULT_REGION")
        } else if let value = profile["region"], !value.isEmpty {
            (region, regionSource) = (value, "profile \(profileName) in \(files.configFilePath)")
        } else {
            (region, regionSource) = (nil, nil)
        }
        explicitEndpoints = try endpointURLs.mapValues { try Endpoint($0) }
        retry = try RetryConfiguration.resolve(environment: environment, profile: profile)
        caBundle = (environment["AWS_CA_BUNDLE"] ?? profile["ca_bundle"]).map(environment.expand)
        if let caBundle, !FileManager.default.fileExists(atPath: caBundle) {
            throw AWSError.configuration("CA bundle \(caBundle) (from AWS_CA_BUNDLE or ca_bundle) does not exist")
        }
    }

    /// The region, or a configuration error naming the four places looked.
    public func requireRegion() throws -> String {
        guard let region else {
            throw AWSError.configuration(
                "no region: set --region, AWS_REGION, AWS_DEFAULT_REGION, or region in profile \(profileName) of \(files.configFilePath)"
            )
        }
        return region
    }

    /// Whether configured endpoints are switched off (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, profile
    /// `ignore_configured_endpoint_urls`); an explicit `--endpoint-url` still applies.
    public var ignoresConfiguredEndpoints: Bool {
        if let flag = environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") { return flag }
        return profile["ignore_configured_endpoint_urls"]?.lowercased() == "true"
    }

    /// Where `service` is reached and the region its requests are signed for.
    public struct ResolvedEndpoint: Sendable, Equatable {
        public let endpoint: Endpoint
        public let signingRegion: String
        /// Where the endpoint came from: `--endpoint-url`, `AWS_ENDPOINT_URL_BACKUP`, `default`, …
        public let source: String
    }

    /// The endpoint of `service`: `--endpoint-url` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` >
    /// the profile's `[services]` section > profile `endpoint_url` > `https://<prefix>.<region>.amazonaws.com`
    /// (a global service's own region). `usingExplicit: false` skips `--endpoint-url` (the credential chain's STS).
    /// `region` overrides the configured region for this endpoint (the SSO portal's `sso_region`).
    public func endpoint(for service: AWSService, usingExplicit: Bool = true, region override: String? = nil) throws
        -> ResolvedEndpoint
    {
        let region = override ?? self.region
        func configured(_ endpoint: Endpoint, _ source: String) throws -> ResolvedEndpoint {
            let signing = try region ?? service.globalRegion?(.aws) ?? requireRegion()
            return ResolvedEndpoint(endpoint: endpoint, signingRegion: signing, source: source)
        }
        if usingExplicit, let endpoint = explicitEndpoints[service] {
            return try configured(endpoint, "--endpoint-url")
        }
        if !ignoresConfiguredEndpoints {
            let serviceVariable = "AWS_ENDPOINT_URL_\(service.envName)"
            if let url = environment[serviceVariable] { return try configured(try Endpoint(url), serviceVariable) }
            if let url = environment["AWS_ENDPOINT_URL"] { return try configured(try Endpoint(url), "AWS_ENDPOINT_URL") }
            if let sectionName = profile["services"], let url = files.services[sectionName]?[service.configKey]?["endpoint_url"] {
                return try configured(
                    try Endpoint(url), "[services \(sectionName)] \(service.configKey) in \(files.configFilePath)")
            }
            if let url = profile["endpoint_url"] {
                return try configured(try Endpoint(url), "profile \(profileName) endpoint_url in \(files.configFilePath)")
            }
        }
        let partition = Partition(region: region ?? "us-east-1")
        let signing: String
        if let global = service.globalRegion {
            signing = global(partition)
        } else {
            signing = try region ?? requireRegion()
        }
        let host = "\(service.endpointPrefix).\(signing).\(partition.dnsSuffix)"
        return ResolvedEndpoint(endpoint: Endpoint(scheme: "https", host: host), signingRegion: signing, source: "default")
    }
}
