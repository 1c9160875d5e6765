import AWSClient
import ArgumentParser
import Foundation
import VaultConfig
import VaultCore

/// `vaultwatch config check|init`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check the configuration file, or write a first one.",
        subcommands: [ConfigCheck.self, ConfigInit.self])
}

/// `vaultwatch config check`: reads the file as every command would, names the line of any error,
/// and says what each account resolves to (profile, region and where it came from, endpoint), in
/// the manner of `aws configure list`. It makes no AWS call.
struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the configuration file and show what it resolves to (no AWS call).")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var aws: AWSOptions

    func run() throws {
        guard let configuration = try config.load() else {
            let path = Configuration.defaultPath()
            print(TextTable.sanitize("no configuration file at \(path): the AWS CLI's default profile is read (run `vaultwatch config init`)"))
            return
        }
        let file = configuration.path ?? "config.toml"
        var lines = ["\(file): valid"]
        let accounts = configuration.accounts.isEmpty ? [Configuration.Account(profile: nil, regions: [])] : configuration.accounts
        for account in accounts {
            let where_ = account.line > 0 ? "\(file):\(account.line): " : ""
            let resolved: AWSConfiguration
            do {
                resolved = try aws.configuration(profile: account.profile)
            } catch {
                throw CLIError("\(where_)\(error)")
            }
            let regions = account.regions.isEmpty ? [resolved.region].compactMap { $0 } : account.regions
            guard !regions.isEmpty else {
                throw CLIError("\(where_)profile \(resolved.profileName) has no region: add regions = [\"…\"] to the account")
            }
            lines.append("account  profile \(resolved.profileName)  (\(account.profile == nil ? "default" : "config"))")
            let regionSource = account.regions.isEmpty ? resolved.regionSource ?? "-" : "config"
            lines.append("         regions \(regions.joined(separator: ", "))  (\(regionSource))")
            let endpoint = try? resolved.endpoint(for: .backup, region: regions[0])
            lines.append("         backup endpoint \(endpoint.map { "\($0.endpoint)  (\($0.source))" } ?? "-")")
            if let organizations = account.organizationsProfile {
                do {
                    _ = try aws.configuration(profile: organizations)
                } catch {
                    throw CLIError("\(where_)organizations_profile: \(error)")
                }
                lines.append("         organization walked as profile \(organizations)")
            }
        }
        lines.append("polling  every \(configuration.pollSeconds) s, whole reads every \(configuration.reconcileMinutes) min")
        lines.append("rules    read from bus(es) \(configuration.eventBuses.joined(separator: ", "))")
        let feeds = configuration.feeds
        if !feeds.isEmpty {
            lines.append(
                "alerts   \(feeds.sqsQueueURLs.count) SQS queue(s), CloudTrail \(feeds.cloudTrail ? "on" : "off"), "
                    + "\(feeds.eventsFiles.count) events file(s)")
        }
        if let guardrails = configuration.guardrails {
            lines.append(
                "guardrails  \(guardrails.adminArns.count) admin(s), lock mode \(guardrails.requiredLockMode.rawValue), "
                    + "min retention \(guardrails.minRetentionDays) d")
        }
        print(lines.map(TextTable.sanitize).joined(separator: "\n"))
    }
}

/// `vaultwatch config init`: a commented first file, from what STS GetCallerIdentity and
/// Organizations DescribeOrganization say of the profile's account.
struct ConfigInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented configuration file for the profile's account.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var aws: AWSOptions

    @Option(help: "The AWS CLI profile of the central backup account (default: AWS_PROFILE, else default).")
    var profile: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        let path = config.configFile.map { ($0 as NSString).expandingTildeInPath } ?? Configuration.defaultPath()
        if FileManager.default.fileExists(atPath: path), !force {
            throw CLIError("\(path) exists: give --force to replace it, or edit it and run `vaultwatch config check`")
        }
        let resolved = try aws.configuration(profile: profile)
        let client = AWSClient(configuration: resolved)
        let identity: CallerIdentity
        do {
            identity = try client.callerIdentity()
        } catch {
            throw CLIError("\(error)")
        }
        var organization = "# organization_id = \"o-…\"  (DescribeOrganization was refused: fill it in)"
        if let answer = try? client.send(.json(.organizations, "DescribeOrganization", version: .v1_1, targetPrefix: "AWSOrganizationsV20161128"))
            .jsonObject(), let org = answer["Organization"] as? [String: Any], let id = org["Id"] as? String,
            ConfigTemplate.isOrganizationId(id)
        {
            organization = "organization_id = \"\(id)\""
        }
        // Credentials from the environment have no profile to name: the file then reads the AWS
        // CLI's default chain, as the command line would.
        let named = resolved.files.profile(resolved.profileName) != nil ? resolved.profileName : nil
        let text = ConfigTemplate.text(
            profile: named, region: resolved.region, identity: identity, organizationLine: organization)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("\(path): cannot be written (\((error as NSError).localizedDescription))")
        }
        print(TextTable.sanitize("wrote \(path) for account \(identity.account) (read as \(identity.arn)); check it with `vaultwatch config check`"))
    }
}
