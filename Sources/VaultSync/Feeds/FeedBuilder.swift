import AWSClient
import Foundation
import VaultCore
import VaultStore

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
        case .cloudTrail(let region):
            return try CloudTrailFeed(
                client: client(for: configuration, spec), region: region, clock: clock, settings: cloudTrailSettings)
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
