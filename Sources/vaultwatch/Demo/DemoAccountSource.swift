import AWSClient
import Foundation
import VaultCore
import VaultDemo
import VaultEmulator
import VaultSync

/// The demo account through the production path: served in process by the emulator
/// (`DemoEndpoint`: its people's calls are signed HTTP requests, AWS Backup's own are made on the
/// backend), and read as any real account is read, with the keys of its read-only role:
/// `AWSAccountSource` (AWSClient, SigV4, pagination) for the vaults, points, jobs, access policies,
/// the organization's SCPs level by level, the KMS keys, the EventBridge rules and the plans, and
/// `CloudTrailFeed` (LookupEvents) for the calls, from which the worker raises the alerts. One
/// source named `demo`, so the dashboard says what it shows; the emulator's time is the demo's
/// simulated clock.
final class DemoAccountSource: Source, @unchecked Sendable {
    let name = "demo"
    let accountId = DemoAccount.accountId
    let region = DemoAccount.region
    /// The simulated account changes all the time: read every second.
    static let pollInterval: TimeInterval = 1
    /// What the feed says in its own sync records, so a restart resumes its lookups.
    static let trailName = "demo cloudtrail"

    private let seed: UInt64
    private let clock: any Clock
    // Set once by `start`, then used from the runner's queue (`cancel` from any thread).
    private var demo: DemoEndpoint?
    private var account: AWSAccountSource?
    private var trail: CloudTrailFeed?

    init(seed: UInt64, clock: any Clock) {
        self.seed = seed
        self.clock = clock
    }

    deinit { demo?.stop() }

    func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        // A start that failed half-way is tried again from the top: its endpoint goes first.
        demo?.stop()
        let demo = try DemoEndpoint(seed: seed, resuming: state, at: now, clock: clock)
        self.demo = demo
        guard let reader = demo.connection(as: "reader") else { throw DemoSourceError.notStarted }
        let client = try reader.client()
        let account = try AWSAccountSource(
            client: client, region: region, settings: AWSAccountSource.Settings(pollInterval: Self.pollInterval))
        let trail = try CloudTrailFeed(
            client: client, region: region, clock: clock, settings: Self.trailSettings(reader.principal.principal),
            name: Self.trailName)
        self.account = account
        self.trail = trail
        _ = try trail.start(resuming: state, at: now)
        var batch = renamed(try account.start(resuming: state, at: now))
        // The first activity (the opening acts) and the calls CloudTrail holds come at once.
        batch.nextPoll = 0
        return batch
    }

    /// Plays the account up to `now`, then reads CloudTrail's new calls and the account. A lookup
    /// that fails is said and tried again at the next poll; the account's records still come.
    func poll(at now: Date) throws -> SourceBatch {
        guard let demo, let account, let trail else { throw DemoSourceError.notStarted }
        try demo.play(until: now)
        var calls: [Record] = []
        var notices: [Notice] = []
        var morePages = false
        do {
            let found = try trail.poll(at: now)
            calls = found.records
            notices = found.notices
            morePages = found.nextPoll == 0
        } catch {
            notices.append(Notice(.warning, "demo: CloudTrail's LookupEvents failed, looked up again at the next poll: \(error)"))
        }
        let read = renamed(try account.poll(at: now))
        return SourceBatch(
            records: calls + read.records, nextPoll: morePages ? Self.pollInterval / 2 : Self.pollInterval,
            committed: read.committed, notices: notices + read.notices)
    }

    func cancel() {
        account?.cancel()
        trail?.cancel()
    }

    /// The account source's batch, its `.sync` records named `demo`.
    private func renamed(_ batch: SourceBatch) -> SourceBatch {
        var out = batch
        out.records = batch.records.map { record in
            guard case .sync(var status) = record else { return record }
            status.source = name
            return .sync(status)
        }
        return out
    }

    /// One page a poll (LookupEvents allows two a second); a fresh store looks back over the past
    /// week's attempts; the emulator records a call before the lookup that follows it, so lookups
    /// overlap by two seconds only; the read-only role's own reads are not activity.
    static func trailSettings(_ reader: Principal) -> CloudTrailFeed.Settings {
        CloudTrailFeed.Settings(
            interval: pollInterval, overlap: 2, firstLookback: 8 * 86_400, pagesPerPoll: 1,
            ownReaders: [reader.arn, reader.judgedArn])
    }
}
