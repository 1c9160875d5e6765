import ArgumentParser
import Foundation
import VaultConfig
import VaultCore
import VaultStore
import VaultSync

/// The alert feeds named on the command line, for `sync` and the dashboard: each repeatable, so
/// scripts and tests need no configuration file; without any, those of the config file's
/// `[alerts]`. Built through `FeedBuilder` (VaultSync), which shares one rate limiter between them.
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

    /// Feeds beside the demo are refused: it runs on simulated time.
    func validate(with source: SourceKind) throws {
        if source == .demo, !isEmpty {
            throw ValidationError("--source demo runs on simulated time and cannot be combined with alert feeds")
        }
    }

    var isEmpty: Bool { sqsQueueURLs.isEmpty && cloudTrail == 0 && eventsFiles.isEmpty }

    /// Whether any feed is named, on the command line or in the config file's `[alerts]`.
    func namesAny(configuration: Configuration?) -> Bool {
        !isEmpty || !(configuration?.feeds.isEmpty ?? true)
    }

    /// The feeds' sources: those of the command line, else those of the config file. Queues are read
    /// as the profile (`--profile`, `--region`, `--endpoint-url`); CloudTrail in every account and
    /// region the command reads (`AccountSources.watched`); files as they are, in that order.
    func sources(profile: String?, aws: AWSOptions, configuration: Configuration?, store: Store, clock: any Clock) throws
        -> [any Source]
    {
        let fromFile = isEmpty ? configuration?.feeds : nil
        let queues = fromFile?.sqsQueueURLs ?? sqsQueueURLs
        let cloudTrail = fromFile?.cloudTrail ?? (self.cloudTrail > 0)
        let files = (fromFile?.eventsFiles ?? eventsFiles).map { FeedSpec.eventsFile(path: ($0 as NSString).expandingTildeInPath) }
        let builder = FeedBuilder(sqsSettings: SQSFeed.Settings(visibilityTimeout: visibilityTimeout))
        var sources: [any Source] = []
        do {
            if !queues.isEmpty {
                sources += try builder.sources(
                    for: queues.map { .sqs(queueURL: $0) }, configuration: aws.configuration(profile: profile), store: store,
                    clock: clock)
            }
            if cloudTrail {
                for target in AccountSources.watched(profile: profile, aws: aws, configuration: configuration) {
                    let feed = try builder.source(
                        for: .cloudTrail(region: target.region), configuration: aws.configuration(profile: target.profile),
                        store: store, clock: clock)
                    if !sources.contains(where: { $0.name == feed.name }) { sources.append(feed) }
                }
            }
            sources += try builder.sources(for: files, configuration: nil, store: store, clock: clock)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
        return sources
    }
}
