import AWSClient
import TestSupport
import Foundation
import Testing
import VaultCore
import VaultStore

@testable import VaultSync

/// The CloudTrail feed's lookups: which stretch of time, its pages, where a restart resumes, the
/// rate limit, and the request itself as botocore would send it. (moto answers LookupEvents with
/// HTTP 500; the pages themselves are read against vaultwatch's own emulator when it serves them.)
@Suite struct CloudTrailFeedTests {
    static let now = UTC.date(year: 2026, month: 11, day: 24, hour: 12)
    static let hour: TimeInterval = 3600

    // MARK: - The window, pure

    @Test func theFirstLookupReachesBackADayAndLaterOnesOverlapWhatIsCovered() {
        var window = LookupWindow()
        let first = window.lookup(at: Self.now)
        #expect(first == LookupWindow.Lookup(start: Self.now.addingTimeInterval(-24 * Self.hour), end: Self.now, nextToken: nil))
        let done = window.read(nextToken: nil)
        #expect(done && window.covered == Self.now)
        let later = Self.now.addingTimeInterval(60)
        let second = window.lookup(at: later)
        #expect(second.start == Self.now.addingTimeInterval(-15 * 60) && second.end == later)
    }

    @Test func aLookupKeepsItsParametersAcrossPagesAndOnlyItsLastPageMovesWhatIsCovered() {
        var window = LookupWindow(covered: Self.now.addingTimeInterval(-Self.hour))
        let first = window.lookup(at: Self.now)
        let firstDone = window.read(nextToken: "page-2")
        #expect(!firstDone && window.covered == Self.now.addingTimeInterval(-Self.hour))
        // Asked again later, it goes on with the same stretch and the token.
        let next = window.lookup(at: Self.now.addingTimeInterval(30))
        #expect(next.start == first.start && next.end == first.end && next.nextToken == "page-2")
        window.restart()
        let again = window.lookup(at: Self.now.addingTimeInterval(31))
        #expect(again == first)
        let secondPage = window.read(nextToken: "page-2")
        let lastPage = window.read(nextToken: "")
        #expect(!secondPage && lastPage)
        #expect(window.covered == Self.now && window.current == nil)
    }

    @Test func nothingOlderThanCloudTrailKeepsIsAskedFor() {
        var window = LookupWindow(covered: Self.now.addingTimeInterval(-200 * 86_400))
        let old = window.lookup(at: Self.now)
        var fresh = LookupWindow(settings: .init(overlap: 600, firstLookback: 365 * 86_400))
        let first = fresh.lookup(at: Self.now)
        #expect(old.start == Self.now.addingTimeInterval(-90 * 86_400) && first.start == old.start)
    }

    // MARK: - Requests

    /// A feed whose client reaches nothing: every request is captured, with the time it was sent.
    final class Harness {
        let clock = ManualClock(CloudTrailFeedTests.now)
        let transport = TimedTransport()
        let limiter = RateLimiter()

        func feed(profile: String = "central", region: String = "us-east-1", settings: CloudTrailFeed.Settings = .init()) throws
            -> CloudTrailFeed
        {
            let home = try TemporaryHome(credentials: "[\(profile)]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n")
            let configuration = try AWSConfiguration(
                environment: home.environment(["AWS_MAX_ATTEMPTS": "1"]), profile: profile, region: region)
            transport.clock = clock
            let client = AWSClient(
                configuration: configuration, transport: transport, clock: clock, sleeper: RecordingSleeper(clock: clock),
                rateLimiter: limiter)
            return try CloudTrailFeed(client: client, clock: FixedClockOf(clock), settings: settings)
        }
    }

    @Test func lookupEventsIsTheRequestBotocoreSends() throws {
        let harness = Harness()
        let feed = try harness.feed()
        #expect(feed.name == "cloudtrail central us-east-1")
        _ = try feed.start(resuming: AccountState(), at: Self.now)
        let failure = #expect(throws: SourceFailure.self) { try feed.poll(at: Self.now) }
        #expect(failure?.kind == .network)
        let sent = try #require(harness.transport.sent.first?.request)
        let start = Int(Self.now.timeIntervalSince1970) - 86_400
        try expectBotocoreShape(
            sent,
            parameters: [
                "LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "backup.amazonaws.com"]],
                "StartTime": start, "EndTime": start + 86_400, "MaxResults": 50,
            ])
        #expect(sent.host == "cloudtrail.us-east-1.amazonaws.com" && sent.method == "POST" && sent.path == "/")

        // A later page: the same parameters and the token.
        let page = try CloudTrailLookup.operation(
            start: Self.now.addingTimeInterval(-60), end: Self.now, nextToken: "kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4IDbeQdiObkp9YAlju3oXd12juy3CIZW8=")
        try expectBotocoreShape(
            page.request,
            parameters: [
                "LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "backup.amazonaws.com"]],
                "StartTime": Int(Self.now.timeIntervalSince1970) - 60, "EndTime": Int(Self.now.timeIntervalSince1970),
                "MaxResults": 50,
                "NextToken": "kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4IDbeQdiObkp9YAlju3oXd12juy3CIZW8=",
            ])
    }

    @Test func aRestartResumesFromTheStoresLastGoodSyncLessTheOverlap() throws {
        let harness = Harness()
        let feed = try harness.feed()
        var state = AccountState()
        let covered = Self.now.addingTimeInterval(-2 * Self.hour)
        state.apply(.sync(SyncStatus(source: feed.name, accountId: "111122223333", region: "us-east-1", at: covered)))
        // Another source's later sync, and a failed one of this feed, do not count.
        state.apply(.sync(SyncStatus(source: "sqs alerts", accountId: "111122223333", region: "us-east-1", at: Self.now)))
        state.apply(.sync(SyncStatus(source: feed.name, accountId: "111122223333", region: "us-east-1", at: Self.now, error: "network")))
        _ = try feed.start(resuming: state, at: Self.now)
        #expect(feed.accountId == "111122223333")
        _ = try? feed.poll(at: Self.now)
        let body = try #require(harness.transport.sent.first.map { try bodyObject($0.request) })
        #expect(body["StartTime"] as? Int == Int(covered.timeIntervalSince1970) - 15 * 60)
        #expect(body["EndTime"] as? Int == Int(Self.now.timeIntervalSince1970))
    }

    @Test func lookupsKeepToTwoRequestsASecondPerProfileAndRegion() throws {
        let harness = Harness()
        let feeds = [try harness.feed(), try harness.feed()]
        let otherRegion = try harness.feed(region: "eu-west-1")
        for feed in feeds + [otherRegion] { _ = try feed.start(resuming: AccountState(), at: Self.now) }
        for _ in 0..<6 {
            for feed in feeds + [otherRegion] { _ = try? feed.poll(at: Self.now) }
        }
        let sent = harness.transport.sent
        let east = sent.filter { $0.request.host.hasPrefix("cloudtrail.us-east-1") }.map(\.at)
        let west = sent.filter { $0.request.host.hasPrefix("cloudtrail.eu-west-1") }.map(\.at)
        #expect(east.count == 12 && west.count == 6)
        // A bucket of two, refilled at two a second: the k-th request no sooner than (k − 2) / 2 s.
        for (k, at) in east.enumerated() {
            #expect(at.timeIntervalSince(east[0]) >= Double(k - 2) / 2 - 1e-9, "request \(k)")
        }
        #expect(east.last!.timeIntervalSince(east[0]) >= 5)
        // The other region has a bucket of its own: after the first region's burst of two, its
        // first request still did not wait.
        #expect(west[0] == east[0] && east[1] == east[0] && east[2] > east[0])
    }

    /// The request has botocore's body (as JSON), target and content type.
    func expectBotocoreShape(_ request: HTTPRequest, parameters: [String: Any]) throws {
        let reference = try botocoreRequest("cloudtrail", "lookup_events", parameters, region: "us-east-1")
        #expect(try bodyObject(request) as NSDictionary == reference.body)
        #expect(request.headers["X-Amz-Target"] == reference.headers["x-amz-target"])
        #expect(request.headers["Content-Type"] == reference.headers["content-type"])
    }

    func bodyObject(_ request: HTTPRequest) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: request.body) as? [String: Any] ?? [:]
    }
}

/// Captures each request with the client's time when it was sent, and answers none.
final class TimedTransport: HTTPTransport, @unchecked Sendable {
    var clock: ManualClock?
    private let box = LockedBox([(request: HTTPRequest, at: Date)]())
    var sent: [(request: HTTPRequest, at: Date)] { box.get() }

    func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        let at = clock?.now() ?? Date()
        box.update { $0.append((request, at)) }
        throw TransportError.unreachable("no endpoint in this test")
    }
}

/// The AWS client's manual clock as the worker's clock.
struct FixedClockOf: VaultCore.Clock {
    let clock: ManualClock
    init(_ clock: ManualClock) { self.clock = clock }
    func now() -> Date { clock.now() }
}

extension AWSOperation {
    /// The operation as an unsigned request to its default endpoint, for shape checks.
    var request: HTTPRequest {
        HTTPRequest(method: method, scheme: "https", host: "cloudtrail.us-east-1.amazonaws.com", path: path, query: query, headers: headers, body: body)
    }
}
