import AWSClient
import Foundation
import VaultConfig
import VaultSync

/// The AWS accounts and regions a dashboard or `vaultwatch sync` reads: the profile of the command
/// line (`--profile`, `--region`), or, without `--profile`, the accounts of the config file, or
/// else the AWS CLI's default profile.
enum AccountSources {
    static func make(
        profile: String?, aws: AWSOptions, configuration: Configuration?
    ) throws -> [AWSAccountSource] {
        let settings = AWSAccountSource.Settings(
            pollInterval: TimeInterval(configuration?.pollSeconds ?? 60),
            reconcileInterval: TimeInterval((configuration?.reconcileMinutes ?? 15) * 60),
            eventBuses: configuration?.eventBuses ?? ["default"])
        var sources: [AWSAccountSource] = []
        var seen = Set<String>()
        for (profile, region, organizations) in watched(profile: profile, aws: aws, configuration: configuration) {
            let client = AWSClient(configuration: try aws.configuration(profile: profile))
            let organizationsClient = try organizations.map { AWSClient(configuration: try aws.configuration(profile: $0)) }
            do {
                let source = try AWSAccountSource(
                    client: client, region: region, organizationsClient: organizationsClient, settings: settings)
                guard seen.insert(source.name).inserted else { continue }
                sources.append(source)
            } catch {
                throw CLIError("\(error)")
            }
        }
        return sources
    }

    /// The accounts (profiles) and regions read: the command line's profile and region, or without
    /// either, the accounts of the config file, or else the AWS CLI's default profile. A nil region
    /// is the profile's own.
    static func watched(profile: String?, aws: AWSOptions, configuration: Configuration?)
        -> [(profile: String?, region: String?, organizations: String?)]
    {
        var wanted: [(profile: String?, region: String?, organizations: String?)] = []
        if profile == nil, aws.region == nil, let accounts = configuration?.accounts, !accounts.isEmpty {
            for account in accounts {
                if account.regions.isEmpty {
                    wanted.append((account.profile, nil, account.organizationsProfile))
                } else {
                    for region in account.regions { wanted.append((account.profile, region, account.organizationsProfile)) }
                }
            }
        } else {
            let organizations = configuration?.accounts.first { $0.profile == (profile ?? AWSOptions.impliedProfile()) }?
                .organizationsProfile
            wanted = [(profile, aws.region, organizations)]
        }
        return wanted
    }
}
