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

    /// `spec` checked, and ready to become a source once the store is open: everything that can be
    /// wrong with how a feed was named (a malformed queue URL, no region for CloudTrail, no AWS
    /// configuration) is found here, so a command can refuse it before it makes anything. AWS feeds
    /// reach AWS as `configuration` says (profile, region, endpoints).
    public func prepare(_ spec: FeedSpec, configuration: AWSConfiguration?) throws(SourceFailure) -> PreparedFeed {
        switch spec {
        case .eventsFile(let path):
            let interval = fileInterval
            return PreparedFeed { _, clock in EventsFileFeed(path: path, clock: clock, interval: interval) }
        case .sqs(let url):
            let queue = try SQSQueue(url: url, client: client(for: configuration, spec))
            let settings = sqsSettings
            return PreparedFeed { store, clock in SQSFeed(queue: queue, store: store, clock: clock, settings: settings) }
        case .cloudTrail(let region):
            let client = try client(for: configuration, spec)
            let found = try CloudTrailFeed.region(region, of: client.configuration)
            let settings = cloudTrailSettings
            return PreparedFeed { _, clock in CloudTrailFeed(client: client, lookingUpIn: found, clock: clock, settings: settings) }
        }
    }

    /// The prepared feeds of `specs`, in order; the same feed named twice is prepared once.
    public func prepare(_ specs: [FeedSpec], configuration: AWSConfiguration?) throws(SourceFailure) -> [PreparedFeed] {
        var seen = Set<FeedSpec>()
        var prepared: [PreparedFeed] = []
        for spec in specs where seen.insert(spec).inserted { prepared.append(try prepare(spec, configuration: configuration)) }
        return prepared
    }

    private func client(for configuration: AWSConfiguration?, _ spec: FeedSpec) throws(SourceFailure) -> AWSClient {
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
