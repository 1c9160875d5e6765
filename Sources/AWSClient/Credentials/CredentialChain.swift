import Foundation

/// The AWS CLI's credential chain, in its exact order (botocore `create_credential_resolver`):
/// environment → assume-role (profile `role_arn`) → web identity → SSO → credentials file → `credential_process`
/// → config file → container → IMDS. The first provider that finds its configuration is used from then on;
/// one that finds partial configuration fails instead of falling through. An explicit profile (`--profile`)
/// disables the environment provider and web identity's environment variables; `AWS_PROFILE` does not.
///
/// The provider is chosen at the first `credentials()` call (no network is touched before that) and kept;
/// when nothing is found the error lists every place looked, and the next call looks again.
public final class CredentialChain: CredentialProvider {
    public let configuration: AWSConfiguration
    private let transport: any HTTPTransport
    private let clock: any AWSClock
    private let chosen = Locked<(any CredentialProvider)?>(nil)

    public init(configuration: AWSConfiguration, transport: any HTTPTransport, clock: any AWSClock = SystemClock()) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
    }

    public func credentials() throws -> AWSCredentials {
        try provider().credentials()
    }

    public var remedy: String? {
        chosen.withLock { $0?.remedy } ?? defaultRemedy
    }

    private var defaultRemedy: String {
        "aws configure --profile \(configuration.profileName)"
    }

    /// The provider the chain settled on (choosing it now if needed).
    public func provider() throws -> any CredentialProvider {
        try chosen.withLock { chosen in
            if let chosen { return chosen }
            let provider = try choose()
            chosen = provider
            return provider
        }
    }

    private var exchange: STSExchange { STSExchange(configuration: configuration, transport: transport, clock: clock) }

    private func choose() throws -> any CredentialProvider {
        let environmentAllowed = !configuration.profileIsExplicit
        if environmentAllowed, let provider = try EnvironmentCredentials.provider(configuration.environment, clock: clock) {
            return provider
        }
        if let provider = try profileProvider(configuration.profileName, visited: [], environmentAllowed: environmentAllowed, assumeRole: true) {
            return provider
        }
        if ContainerCredentials.applies(configuration.environment) {
            return try ContainerCredentials.provider(environment: configuration.environment, transport: transport, clock: clock)
        }
        var imdsNote = "IMDS (disabled by AWS_EC2_METADATA_DISABLED)"
        if !InstanceMetadataCredentials.disabled(configuration.environment) {
            let configuration = self.configuration
            let transport = self.transport
            do {
                let first = try InstanceMetadataCredentials.fetch(configuration: configuration, transport: transport)
                let cached = Locked<AWSCredentials?>(first)
                return RefreshingCredentials(clock: clock) {
                    if let ready = cached.withLock({ value -> AWSCredentials? in defer { value = nil }; return value }) { return ready }
                    return try InstanceMetadataCredentials.fetch(configuration: configuration, transport: transport)
                }
            } catch AWSError.credentials(let problem) where problem.kind == .missing {
                imdsNote = "IMDS at \(InstanceMetadataCredentials.endpoint(configuration)) (no answer)"
            }
        }
        let files = configuration.files
        var lookedAt = [String]()
        lookedAt.append(
            environmentAllowed
                ? "env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (unset)"
                : "env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (skipped: --profile given)")
        lookedAt.append("profile \"\(configuration.profileName)\" in \(files.credentialsFilePath) and \(files.configFilePath)")
        lookedAt.append("\(ContainerCredentials.lookedAt) (unset)")
        lookedAt.append(imdsNote)
        throw AWSError.credentials(
            CredentialProblem(kind: .missing, reason: "no credentials found", lookedAt: lookedAt, remedy: defaultRemedy))
    }

    /// The providers that read a profile, in chain order; `assumeRole: false` for a source profile
    /// with static keys or without `role_arn` (botocore `_resolve_credentials_from_profile`).
    private func profileProvider(_ name: String, visited: [String], environmentAllowed: Bool, assumeRole: Bool) throws
        -> (any CredentialProvider)?
    {
        let files = configuration.files
        let keys = files.profile(name) ?? [:]
        if assumeRole, keys["role_arn"] != nil, keys["web_identity_token_file"] == nil {
            return try assumeRoleProvider(name, keys: keys, visited: visited + [name])
        }
        if let provider = try WebIdentityCredentials.provider(
            profile: name, keys: keys, environmentAllowed: environmentAllowed, exchange: exchange)
        {
            return provider
        }
        if SSOCredentials.applies(keys) {
            let settings = try SSOCredentials.settings(profile: name, keys: keys, files: files)
            return SSOCredentials.provider(settings: settings, configuration: configuration, transport: transport, clock: clock)
        }
        if let section = files.credentialProfiles[name], ProfileKeys.has(section) {
            return StaticCredentials(try ProfileKeys.read(section, profile: name, file: files.credentialsFilePath, source: .sharedCredentialsFile))
        }
        if let command = keys["credential_process"] {
            return try ProcessCredentials.provider(profile: name, command: command, configuration: configuration, clock: clock)
        }
        if let section = files.configProfiles[name], ProfileKeys.has(section) {
            return StaticCredentials(try ProfileKeys.read(section, profile: name, file: files.configFilePath, source: .configFile))
        }
        return nil
    }

    private func assumeRoleProvider(_ name: String, keys: [String: String], visited: [String]) throws -> any CredentialProvider {
        let files = configuration.files
        let where_ = ["profile \"\(name)\" in \(files.configFilePath)"]
        func invalid(_ reason: String) -> AWSError {
            .credentials(CredentialProblem(kind: .refused, reason: reason, lookedAt: where_))
        }
        let source: any CredentialProvider
        switch (keys["source_profile"], keys["credential_source"]) {
        case (.some, .some):
            throw invalid("profile \"\(name)\" has both source_profile and credential_source; it must have one")
        case (nil, nil):
            throw invalid("profile \"\(name)\" has role_arn but neither source_profile nor credential_source")
        case (nil, .some(let credentialSource)):
            source = try credentialSourceProvider(credentialSource, profile: name)
        case (.some(let sourceName), nil):
            guard let sourceKeys = files.profile(sourceName) else {
                throw invalid("the source_profile \"\(sourceName)\" referenced in the profile \"\(name)\" does not exist")
            }
            let hasStatic = ProfileKeys.has(sourceKeys)
            if visited.contains(sourceName), !(sourceName == name && hasStatic) {
                throw invalid(
                    "infinite loop in credential configuration: profile \"\(sourceName)\" was already visited ("
                        + (visited + [sourceName]).joined(separator: " -> ") + ")")
            }
            let viaRole = sourceKeys["role_arn"] != nil && !hasStatic
            if viaRole {
                source = try assumeRoleProvider(sourceName, keys: sourceKeys, visited: visited + [sourceName])
            } else if let provider = try profileProvider(sourceName, visited: visited, environmentAllowed: false, assumeRole: false) {
                source = provider
            } else {
                throw invalid("the source_profile \"\(sourceName)\" must specify either static credentials or an assume role configuration")
            }
        }
        return try AssumeRoleCredentials.provider(profile: name, keys: keys, source: source, exchange: exchange)
    }

    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    private func credentialSourceProvider(_ value: String, profile: String) throws -> any CredentialProvider {
        let environment = configuration.environment
        func missing(_ reason: String) -> AWSError {
            .credentials(
                CredentialProblem(
                    kind: .missing, reason: "credential_source \(value) of profile \"\(profile)\": \(reason)",
                    lookedAt: ["profile \"\(profile)\" in \(configuration.files.configFilePath)"]))
        }
        switch value {
        case "Environment":
            guard let provider = try EnvironmentCredentials.provider(environment, clock: clock) else {
                throw missing("AWS_ACCESS_KEY_ID is not set")
            }
            return provider
        case "EcsContainer":
            guard ContainerCredentials.applies(environment) else { throw missing("no AWS_CONTAINER_CREDENTIALS_* variable is set") }
            return try ContainerCredentials.provider(environment: environment, transport: transport, clock: clock)
        case "Ec2InstanceMetadata":
            let configuration = self.configuration
            let transport = self.transport
            return RefreshingCredentials(clock: clock) {
                try InstanceMetadataCredentials.fetch(configuration: configuration, transport: transport)
            }
        default:
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused,
                    reason: "credential_source \"\(value)\" of profile \"\(profile)\" is not Environment, Ec2InstanceMetadata or EcsContainer",
                    lookedAt: ["profile \"\(profile)\" in \(configuration.files.configFilePath)"]))
        }
    }
}
