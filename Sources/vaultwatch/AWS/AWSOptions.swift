import AWSClient
import ArgumentParser
import Foundation

/// `--region` and `--endpoint-url`, as the AWS CLI has them (`--profile` is shared with the store
/// options: the AWS CLI's profile NAME, whose store is `$XDG_STATE_HOME/vaultwatch/NAME`).
struct AWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("AWS region to read (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's).", valueName: "region"))
    var region: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp(
            "Send every AWS call vaultwatch makes to this URL (a local endpoint such as `vaultwatch emulate`). As in the "
                + "AWS CLI, it does not reach the STS calls of an assume-role profile: use AWS_ENDPOINT_URL for those.",
            valueName: "url"))
    var endpointURL: String?

    /// The services vaultwatch calls itself, which `--endpoint-url` moves.
    static let services: [AWSService] = [.backup, .sts, .kms, .organizations, .eventBridge, .sqs, .cloudTrail]

    /// The AWS CLI's configuration for `profile` (nil: `AWS_PROFILE`, else `default`).
    func configuration(profile: String?, environment: AWSEnvironment = .process()) throws -> AWSConfiguration {
        var endpoints: [AWSService: String] = [:]
        if let endpointURL { for service in Self.services { endpoints[service] = endpointURL } }
        do {
            return try AWSConfiguration(environment: environment, profile: profile, region: region, endpointURLs: endpoints)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The profile a store is named after when `--profile` is not given: the one the AWS CLI uses.
    static func impliedProfile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
    }
}
