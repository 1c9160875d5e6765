import Foundation

/// The two shared files as the AWS CLI sees them: profiles from `~/.aws/config` (`[profile NAME]`,
/// `[default]`) merged with `~/.aws/credentials` (`[NAME]`, whose keys win), plus `[sso-session NAME]`
/// and `[services NAME]` sections from the config file.
public struct SharedConfig: Sendable, Equatable {
    public let configFilePath: String
    public let credentialsFilePath: String
    /// Profile keys from the config file only (ConfigProvider, region, endpoints).
    public let configProfiles: [String: [String: String]]
    /// Profile keys from the credentials file only (SharedCredentialProvider).
    public let credentialProfiles: [String: [String: String]]
    public let ssoSessions: [String: [String: String]]
    /// `[services NAME]` sections: service key → nested keys (`endpoint_url`).
    public let services: [String: [String: [String: String]]]

    public init(environment: AWSEnvironment) throws {
        configFilePath = environment.configFilePath
        credentialsFilePath = environment.credentialsFilePath
        var profiles = [String: [String: String]]()
        var sso = [String: [String: String]]()
        var services = [String: [String: [String: String]]]()
        if let file = try ConfigFile.load(configFilePath) {
            for name in file.order {
                guard let section = file.sections[name] else { continue }
                let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if name == "default" {
                    profiles["default", default: [:]].merge(section.values) { _, new in new }
                } else if words.count == 2, words[0] == "profile" {
                    profiles[words[1], default: [:]].merge(section.values) { _, new in new }
                } else if words.count == 2, words[0] == "sso-session" {
                    sso[words[1]] = section.values
                } else if words.count == 2, words[0] == "services" {
                    services[words[1]] = section.nested
                }
            }
        }
        configProfiles = profiles
        credentialProfiles = try ConfigFile.load(credentialsFilePath).map { file in
            Dictionary(uniqueKeysWithValues: file.order.map { ($0, file.sections[$0]?.values ?? [:]) })
        } ?? [:]
        ssoSessions = sso
        self.services = services
    }

    /// The merged keys of `profile` (credentials-file keys win), or nil when neither file has it.
    public func profile(_ name: String) -> [String: String]? {
        let config = configProfiles[name]
        let credentials = credentialProfiles[name]
        if config == nil && credentials == nil { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { _, new in new }
    }

    /// Every profile name in either file.
    public var profileNames: [String] {
        Array(Set(configProfiles.keys).union(credentialProfiles.keys)).sorted()
    }

    /// Where a profile was looked for, for error lines.
    public func placesLooked(for profile: String) -> [String] {
        ["profile \"\(profile)\" in \(credentialsFilePath) and \(configFilePath)"]
    }
}
