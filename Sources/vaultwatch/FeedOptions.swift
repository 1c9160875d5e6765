import AWSClient
import ArgumentParser
import Foundation
import VaultCore
import VaultStore
import VaultSync

/// The alert feeds named on the command line, for `sync` and the dashboard: each repeatable, so
/// scripts and tests need no configuration file. A configuration file builds the same sources
/// through `FeedBuilder` (VaultSync) from its own list of `FeedSpec`s.
struct FeedOptions: ParsableArguments {
    @Option(
        name: .customLong("sqs-queue-url"),
        help: ArgumentHelp(
            "An SQS queue that EventBridge fills with AWS Backup's CloudTrail events (repeatable).", valueName: "url"))
    var sqsQueueURLs: [String] = []

    @Flag(
        name: .customLong("cloudtrail"),
        help: "Look AWS Backup's calls up in CloudTrail (LookupEvents) in the profile's account and region.")
    var cloudTrail: Int

    @Option(
        name: .customLong("events-file"),
        help: ArgumentHelp(
            "A JSON-lines file of EventBridge events or CloudTrail records, followed as it grows (repeatable).",
            valueName: "file"))
    var eventsFiles: [String] = []

    @Option(
        name: .customLong("sqs-visibility-timeout"),
        help: ArgumentHelp(
            "Seconds a received message stays hidden before SQS hands it out again (default 60).", valueName: "seconds"))
    var visibilityTimeout = 60

    func validate() throws {
        guard (0...43_200).contains(visibilityTimeout) else {
            throw ValidationError("--sqs-visibility-timeout must be between 0 and 43200 seconds (got \(visibilityTimeout))")
        }
    }

    /// The feeds, in the order the options name them by kind: queues, CloudTrail, files.
    var specs: [FeedSpec] {
        sqsQueueURLs.map { FeedSpec.sqs(queueURL: $0) } + (cloudTrail > 0 ? [.cloudTrail] : [])
            + eventsFiles.map { FeedSpec.eventsFile(path: ($0 as NSString).expandingTildeInPath) }
    }

    var isEmpty: Bool { specs.isEmpty }

    /// The sources of the feeds given. `configuration` is resolved only when a feed reaches AWS.
    func sources(configuration: () throws -> AWSConfiguration, store: Store, clock: any Clock) throws -> [any Source] {
        let specs = self.specs
        let builder = FeedBuilder(sqsSettings: SQSFeed.Settings(visibilityTimeout: visibilityTimeout))
        do {
            let aws = specs.contains(where: \.reachesAWS) ? try configuration() : nil
            return try builder.sources(for: specs, configuration: aws, store: store, clock: clock)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `--region` and `--endpoint-url`, as the AWS CLI has them; the profile is `--profile` (each
/// profile keeps its own store, and is the AWS CLI's profile of that name).
struct FeedAWSOptions: ParsableArguments {
    @Option(help: "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("Send AWS requests (SQS, CloudTrail) to this endpoint instead of AWS's.", valueName: "url"))
    var endpointURL: String?

    /// The AWS configuration of `profile` (nil: `AWS_PROFILE`, else `default`), as the AWS CLI resolves it.
    func configuration(profile: String?) throws -> AWSConfiguration {
        let endpoints: [AWSService: String] = endpointURL.map { [.sqs: $0, .cloudTrail: $0] } ?? [:]
        return try AWSConfiguration(profile: profile, region: region, endpointURLs: endpoints)
    }
}
