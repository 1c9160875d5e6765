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

    /// The feeds, checked before the store is opened (a mistake in naming one leaves nothing
    /// behind): those of the command line, else those of the config file. Queues are read as the
    /// profile (`--profile`, `--region`, `--endpoint-url`); CloudTrail in every account and region
    /// the command reads (`AccountSources.watched`); files as they are, in that order.
    func prepare(profile: String?, aws: AWSOptions, configuration: Configuration?) throws -> [PreparedFeed] {
        let fromFile = isEmpty ? configuration?.feeds : nil
        let queues = fromFile?.sqsQueueURLs ?? sqsQueueURLs
        let cloudTrail = fromFile?.cloudTrail ?? (self.cloudTrail > 0)
        let files = (fromFile?.eventsFiles ?? eventsFiles).map { FeedSpec.eventsFile(path: ($0 as NSString).expandingTildeInPath) }
        let builder = FeedBuilder(sqsSettings: SQSFeed.Settings(visibilityTimeout: visibilityTimeout))
        var prepared: [PreparedFeed] = []
        do {
            if !queues.isEmpty {
                prepared += try builder.prepare(queues.map { .sqs(queueURL: $0) }, configuration: aws.configuration(profile: profile))
            }
            if cloudTrail {
                for target in AccountSources.watched(profile: profile, aws: aws, configuration: configuration) {
                    prepared.append(try builder.prepare(.cloudTrail(region: target.region), configuration: aws.configuration(profile: target.profile)))
                }
            }
            prepared += try builder.prepare(files, configuration: nil)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
        return prepared
    }

    /// The sources of `prepared`, once the store is open; a CloudTrail feed reached through two
    /// names of one account and region is read once.
    static func sources(_ prepared: [PreparedFeed], store: Store, clock: any Clock) -> [any Source] {
        var sources: [any Source] = []
        for feed in prepared {
            let source = feed.source(store: store, clock: clock)
            if source is CloudTrailFeed, sources.contains(where: { $0.name == source.name }) { continue }
            sources.append(source)
        }
        return sources
    }
}
