import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultStore
import VaultSync

/// `vaultwatch sync`: the sync worker without a screen. It feeds the store from a source, raises
/// alerts and prints one line per sync on stdout (store problems and failures on stderr) until
/// SIGINT or SIGTERM; dashboards and scripts on the same store see what it writes.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sync a source into the store without a screen, until interrupted (or once).",
        discussion: "Sources: the embedded demo account (--source demo), which writes to the demo's store "
            + "(profile \"demo\") unless --store or --profile says otherwise; and alert feeds (--sqs-queue-url, "
            + "--cloudtrail, --events-file, each repeatable), which write to the profile's store.")

    /// Where records come from. The AWS Backup API joins this list as `aws`.
    enum SourceKind: String, ExpressibleByArgument, CaseIterable {
        case demo

        var defaultProfile: String { rawValue }
    }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Where records come from: \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var source: SourceKind?

    @OptionGroup(title: "Demo source") var simulation: DemoOptions
    @OptionGroup(title: "Alert feeds") var feeds: FeedOptions
    @OptionGroup(title: "AWS") var aws: FeedAWSOptions
    @OptionGroup(title: "Alert rules") var guardrails: GuardrailOptions

    @Flag(help: "Start the source (seeding or resuming the account), poll it once, and exit.")
    var once = false

    func validate() throws {
        if source == nil, feeds.isEmpty {
            throw ValidationError("give a source: --source demo, or a feed (--sqs-queue-url, --cloudtrail, --events-file)")
        }
        if source != nil, !feeds.isEmpty {
            throw ValidationError("--source demo runs on simulated time and cannot be combined with alert feeds")
        }
    }

    func run() throws {
        let store = try storeOptions.open(defaultProfile: source?.defaultProfile ?? "default")
        let sources: [any Source]
        let clock: any Clock
        let defaultRules: [AlertRule]
        let defaultSettings: GuardrailSettings
        if source == .demo {
            (sources, clock) = ([simulation.source()], simulation.clock())
            (defaultRules, defaultSettings) = ([DemoAccount.alertRule], DemoAccount.guardrailSettings)
        } else {
            clock = SystemClock()
            sources = try feeds.sources(
                configuration: { try aws.configuration(profile: storeOptions.profile) }, store: store, clock: clock)
            // The seeds' rule for the central account: the account of the first queue, if any.
            let central = sources.compactMap { ($0 as? SQSFeed)?.accountId }.first ?? "111122223333"
            (defaultRules, defaultSettings) = ([AlertRule.seed(account: central)], .seed(account: central))
        }
        let rules = try guardrails.load(defaultRules: defaultRules, defaultSettings: defaultSettings).rules
        let printer = SyncPrinter()
        let failure = FailureBox()
        let stop = DispatchSemaphore(value: 0)
        let worker = SyncWorker(
            store: store, sources: sources, rules: rules, clock: clock,
            publish: { printer.show($0) },
            fail: { message in
                failure.set(message)
                stop.signal()
            })
        if once {
            worker.syncNow()  // loads the store and starts the source
            if failure.get() == nil { worker.syncNow() }  // the one poll
        } else {
            // Signals become events on a queue, so the worker can be stopped between polls.
            let signals = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stop.signal() }
                source.resume()
                return source
            }
            worker.start()
            stop.wait()
            worker.stopAndWait()
            signals.forEach { $0.cancel() }
        }
        if let message = failure.get() { throw CLIError(message) }
    }
}

/// Turns the worker's snapshots into lines: one per sync outcome on stdout, each new notice on
/// stderr. Written unbuffered, so a pipe or a log file sees each line as it happens.
final class SyncPrinter: Sendable {
    private struct Seen {
        /// The first snapshot after loading shows the last sync already in the store: no outcome of this run.
        var loaded = false
        var sync: SyncStatus?
        var notices: [Notice] = []
    }

    private let seen = Mutex(Seen())

    func show(_ snapshot: AccountSnapshot) {
        guard !snapshot.loading else { return }
        let (outcome, notices) = seen.withLock { seen -> (String?, [Notice]) in
            let fresh = Self.newNotices(snapshot.notices, after: seen.notices)
            seen.notices = snapshot.notices
            let sync = snapshot.state.lastSync
            if !seen.loaded {
                seen.loaded = true
                seen.sync = sync
            }
            guard let sync, sync != seen.sync else { return (nil, fresh) }
            seen.sync = sync
            return (Self.line(sync, snapshot.state), fresh)
        }
        for notice in notices {
            FileHandle.standardError.write(Data("vaultwatch: \(notice.level.rawValue): \(TextTable.sanitize(notice.text))\n".utf8))
        }
        if let outcome { FileHandle.standardOutput.write(Data((outcome + "\n").utf8)) }
    }

    /// `2026-11-24T02:15:01Z demo 111122223333 us-east-1 ok: 4 vaults, 393 recovery points, 6 alerts (2 unacknowledged)`
    static func line(_ sync: SyncStatus, _ state: AccountState) -> String {
        let head = "\(UTC.iso(sync.at)) \(sync.source) \(sync.accountId) \(sync.region)"
        if let error = sync.error { return TextTable.sanitize("\(head) failed: \(error)") }
        return TextTable.sanitize(
            "\(head) ok: \(state.vaults.count) vaults, \(state.pointCount) recovery points, "
                + "\(state.alerts.count) alerts (\(state.unacknowledgedAlertCount) unacknowledged)")
    }

    /// The notices at the end of `current` that were not in `previous`. The worker only appends
    /// notices and drops the oldest, so the new ones follow the longest overlap.
    static func newNotices(_ current: [Notice], after previous: [Notice]) -> [Notice] {
        for dropped in 0...previous.count {
            let kept = previous.count - dropped
            if kept <= current.count, Array(previous.suffix(kept)) == Array(current.prefix(kept)) {
                return Array(current.dropFirst(kept))
            }
        }
        return current
    }
}
