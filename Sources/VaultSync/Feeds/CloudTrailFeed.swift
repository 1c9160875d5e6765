import AWSClient
import Foundation
import VaultCore

/// AWS Backup's calls from CloudTrail's LookupEvents, for an account and region without the
/// EventBridge rule: looked up by time, newest first, page after page, at most two requests a
/// second per account and region (the client's rate limiter, shared by every feed built with it),
/// overlapping what was covered before so late events are not missed, and recognising events seen
/// already by their id. After a restart it resumes from its last good sync in the store.
public final class CloudTrailFeed: Source, @unchecked Sendable {
    public struct Settings: Sendable, Equatable {
        /// How often to look up again once a lookup is done.
        public var interval: TimeInterval
        /// How far each lookup reaches back over what was covered.
        public var overlap: TimeInterval
        /// How far back the first lookup goes when the store has nothing from this feed.
        public var firstLookback: TimeInterval
        /// Pages read in one poll before handing the calls over (the rest follow at once).
        public var pagesPerPoll: Int
        /// The identities vaultwatch itself reads the account as (a role's ARN, or a session's): their
        /// read-only calls are vaultwatch's own polling, not activity, and are not kept. A call that
        /// changes something is kept whoever makes it.
        public var ownReaders: Set<String>

        public init(
            interval: TimeInterval = 60, overlap: TimeInterval = 15 * 60, firstLookback: TimeInterval = 86_400, pagesPerPoll: Int = 10,
            ownReaders: Set<String> = []
        ) {
            self.interval = interval
            self.overlap = overlap
            self.firstLookback = firstLookback
            self.pagesPerPoll = pagesPerPoll
            self.ownReaders = ownReaders
        }
    }

    public let name: String
    /// The account the events are recorded in (their `recipientAccountId`), once one is seen.
    public private(set) var accountId = ""
    public let region: String

    private let client: AWSClient
    private let settings: Settings
    private let clock: any Clock
    private let cancellation = CancellationHandle()
    // Touched from the runner's queue only.
    private var window: LookupWindow
    private var known = KnownCalls()

    /// - Parameters:
    ///   - region: the region to look up; nil: the client's configured region.
    ///   - name: what the feed is called (its sync records say it); nil: `cloudtrail PROFILE REGION`.
    public convenience init(
        client: AWSClient, region: String? = nil, clock: any Clock, settings: Settings = Settings(), name: String? = nil
    ) throws {
        self.init(
            client: client, lookingUpIn: try Self.region(region, of: client.configuration), clock: clock, settings: settings,
            name: name)
    }

    /// `region`, else the configuration's; a `SourceFailure` saying where to set one when neither is.
    static func region(_ region: String?, of configuration: AWSConfiguration) throws(SourceFailure) -> String {
        do {
            return try region ?? configuration.requireRegion()
        } catch {
            throw SourceFailure(.other, "CloudTrail: \(error)")
        }
    }

    /// The feed of a region found already (see `FeedBuilder.prepare`).
    init(client: AWSClient, lookingUpIn region: String, clock: any Clock, settings: Settings, name: String? = nil) {
        self.region = region
        self.name = name ?? "cloudtrail \(client.configuration.profileName) \(region)"
        self.client = client
        self.clock = clock
        self.settings = settings
        window = LookupWindow(settings: LookupWindow.Settings(overlap: settings.overlap, firstLookback: settings.firstLookback))
    }

    public func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        known = KnownCalls(held: state.heldCallIds)
        let last = state.syncBySource[name]
        if let last, !last.accountId.isEmpty { accountId = last.accountId }
        window = LookupWindow(settings: window.settings, covered: last?.at)
        return SourceBatch(records: [], nextPoll: 0)
    }

    /// Reads up to `pagesPerPoll` pages. What the poll learns (the stretch covered, the calls seen)
    /// is kept only when it succeeds: a poll that fails on a later page reads its earlier pages
    /// again next time, and their calls are not lost.
    public func poll(at now: Date) throws -> SourceBatch {
        var window = self.window
        var known = self.known
        var records: [ApiCall] = []
        var notices: [Notice] = []
        var done = false
        var pages = 0
        while !done, pages < max(1, settings.pagesPerPoll) {
            if cancellation.isCancelled { throw SourceFailure(.network, "\(name): stopped") }
            let lookup = window.lookup(at: clock.now())
            let operation = try CloudTrailLookup.operation(start: lookup.start, end: lookup.end, nextToken: lookup.nextToken)
            let page: CloudTrailLookup.Page
            do throws(AWSError) {
                page = try client.send(operation, region: region, cancellation: cancellation).decode(CloudTrailLookup.Page.self)
            } catch .service(_, "InvalidNextTokenException", _, _) where lookup.nextToken != nil {
                // Tokens expire: look the same stretch up again from its first page.
                window.restart()
                notices.append(Notice(.info, "\(name): CloudTrail refused a page token; looking the stretch up again"))
                continue
            } catch {
                throw error.sourceFailure
            }
            pages += 1
            for event in page.Events ?? [] where !isOwnRead(event) {
                switch call(from: event) {
                case .success(let call):
                    if known.insert(call.id) { records.append(call) }
                case .failure(let rejection) where rejection.kind == .malformed:
                    notices.append(Notice(.warning, "\(name): event \(event.EventId ?? "without an id") skipped: \(rejection.reason)"))
                case .failure:
                    break
                }
            }
            done = window.read(nextToken: page.NextToken)
        }
        self.window = window
        self.known = known
        if let seen = records.last?.accountId { accountId = seen }
        var batch: [Record] = records.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(Record.call)
        if done, let covered = window.covered {
            batch.append(.sync(SyncStatus(source: name, accountId: accountId, region: region, at: covered)))
        }
        return SourceBatch(records: batch, nextPoll: done ? settings.interval : 0, notices: notices)
    }

    public func cancel() { cancellation.cancel() }

    /// A read-only call by an identity vaultwatch reads the account as.
    private func isOwnRead(_ event: CloudTrailLookup.Event) -> Bool {
        guard !settings.ownReaders.isEmpty, event.ReadOnly == "true", let text = event.CloudTrailEvent,
            let record = try? JSONValue(data: Data(text.utf8)), let identity = record["userIdentity"]
        else { return false }
        let arns = [identity["arn"]?.string, identity["sessionContext"]?["sessionIssuer"]?["arn"]?.string]
        return arns.contains { $0.map(settings.ownReaders.contains) == true }
    }

    /// The call an event's `CloudTrailEvent` (the whole record, as a JSON string) reports.
    private func call(from event: CloudTrailLookup.Event) -> Result<ApiCall, EventRejection> {
        guard let text = event.CloudTrailEvent else { return .failure(EventRejection(.malformed, "no CloudTrailEvent")) }
        let record: JSONValue
        do {
            record = try JSONValue(data: Data(text.utf8))
        } catch {
            return .failure(EventRejection(.malformed, "CloudTrailEvent is not JSON"))
        }
        return Result { () throws(EventRejection) in try ApiCall(cloudTrailRecord: record, region: region) }
    }
}
