import AWSClient
import Foundation
import VaultCore
import VaultStore

/// A feed of AWS Backup calls, as the command line (`--sqs-queue-url`, `--cloudtrail`,
/// `--events-file`) or a configuration file names it.
public enum FeedSpec: Sendable, Hashable, CustomStringConvertible {
    /// An SQS queue fed by EventBridge, by its URL.
    case sqs(queueURL: String)
    /// CloudTrail's LookupEvents in the configuration's account (profile) and region.
    case cloudTrail
    /// A JSON-lines file of EventBridge events or CloudTrail records.
    case eventsFile(path: String)

    /// Whether the feed reaches AWS (and so needs an `AWSConfiguration`).
    public var reachesAWS: Bool {
        if case .eventsFile = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .sqs(let url): return "--sqs-queue-url \(url)"
        case .cloudTrail: return "--cloudtrail"
        case .eventsFile(let path): return "--events-file \(path)"
        }
    }
}

/// Builds the sources for feeds. Every AWS client it makes shares one rate limiter, so several
/// CloudTrail feeds of one account and region stay within two lookups a second together, and one
/// client per configuration.
public final class FeedBuilder: @unchecked Sendable {
    public var sqsSettings: SQSFeed.Settings
    public var cloudTrailSettings: CloudTrailFeed.Settings
    /// How often an events file is looked at.
    public var fileInterval: TimeInterval
    public let rateLimiter: RateLimiter
    private let transport: (any HTTPTransport)?
    private var clients: [String: AWSClient] = [:]
    private let lock = NSLock()

    public init(
        sqsSettings: SQSFeed.Settings = SQSFeed.Settings(), cloudTrailSettings: CloudTrailFeed.Settings = CloudTrailFeed.Settings(),
        fileInterval: TimeInterval = 1, rateLimiter: RateLimiter = RateLimiter(), transport: (any HTTPTransport)? = nil
    ) {
        self.sqsSettings = sqsSettings
        self.cloudTrailSettings = cloudTrailSettings
        self.fileInterval = fileInterval
        self.rateLimiter = rateLimiter
        self.transport = transport
    }

    /// The source of `spec`. AWS feeds reach AWS as `configuration` says (profile, region,
    /// endpoints); `store` keeps what an SQS feed sets aside. Throws a `SourceFailure` naming the
    /// feed when it cannot be built (a malformed queue URL, no region for CloudTrail).
    public func source(for spec: FeedSpec, configuration: AWSConfiguration?, store: Store, clock: any Clock) throws -> any Source {
        switch spec {
        case .eventsFile(let path):
            return EventsFileFeed(path: path, clock: clock, interval: fileInterval)
        case .sqs(let url):
            return try SQSFeed(queueURL: url, client: client(for: configuration, spec), store: store, clock: clock, settings: sqsSettings)
        case .cloudTrail:
            return try CloudTrailFeed(client: client(for: configuration, spec), clock: clock, settings: cloudTrailSettings)
        }
    }

    /// The sources of `specs`, in order; the same feed named twice is built once.
    public func sources(for specs: [FeedSpec], configuration: AWSConfiguration?, store: Store, clock: any Clock) throws -> [any Source] {
        var seen = Set<FeedSpec>()
        return try specs.filter { seen.insert($0).inserted }.map {
            try source(for: $0, configuration: configuration, store: store, clock: clock)
        }
    }

    private func client(for configuration: AWSConfiguration?, _ spec: FeedSpec) throws -> AWSClient {
        guard let configuration else { throw SourceFailure(.other, "\(spec) needs an AWS configuration") }
        let endpoints = configuration.explicitEndpoints.map { "\($0.key)=\($0.value)" }.sorted()
        let key = "\(configuration.profileName)|\(configuration.region ?? "")|\(endpoints)"
        return lock.withLock {
            if let client = clients[key] { return client }
            let client = AWSClient(configuration: configuration, transport: transport, rateLimiter: rateLimiter)
            clients[key] = client
            return client
        }
    }
}
