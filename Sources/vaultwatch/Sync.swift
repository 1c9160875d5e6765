import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultDemo
import VaultStore
import VaultSync

/// `vaultwatch sync`: the sync worker without a screen. It feeds the store from a source, raises
/// alerts and prints one line per sync on stdout (store problems and failures on stderr) until
/// SIGINT or SIGTERM; dashboards and scripts on the same store see what it writes.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync a source into the store without a screen, until interrupted (or once).",
        discussion: "By default the AWS account of --profile (or the accounts of the config file) into the profile's "
            + "store, with the alert feeds named (--sqs-queue-url, --cloudtrail, --events-file) or those of the config "
            + "file; --source none syncs the feeds alone; --source demo syncs the embedded demo account into the demo's "
            + "store (profile \"demo\").")

    @OptionGroup var storeOptions: AccountStoreOptions

    @OptionGroup var aws: AWSOptions
    @OptionGroup var config: ConfigOptions

    @Option(help: "Where records come from: aws (the default) or demo.")
    var source: SourceKind = .aws

    @OptionGroup(title: "Demo source") var simulation: DemoOptions
    @OptionGroup(title: "Alert feeds") var feeds: FeedOptions
    @OptionGroup(title: "Alert rules") var guardrails: GuardrailOptions

    @Flag(help: "Start the source (seeding or resuming the account), poll it once, and exit.")
    var once = false

    func validate() throws {
        try feeds.validate(with: source)
    }

    func run() throws {
        let configuration = try config.load()
        // Refused before the store (or a digest key) is made: a mistake leaves nothing behind.
        if source == .none, !feeds.namesAny(configuration: configuration) {
            throw CLIError(
                "--source none syncs nothing: use aws or demo, or name a feed (--sqs-queue-url, --cloudtrail, --events-file, "
                    + "or [alerts] in the config file)")
        }
        let demo = source == .demo
        let rules = try guardrails.load(
            defaultRules: demo ? [DemoAccount.alertRule] : [AlertRule.seed(account: "111122223333")],
            defaultSettings: demo ? DemoAccount.guardrailSettings : .seed(account: "111122223333"),
            configured: configuration?.guardrails
        ).rules
        // The account's profile is resolved before the store is made: a mistyped profile leaves no store behind.
        let accountSources = source == .aws ? try AccountSources.make(profile: storeOptions.profile, aws: aws, configuration: configuration) : []
        // So are the feeds (a malformed queue URL, CloudTrail without a region).
        let preparedFeeds = demo ? [] : try feeds.prepare(profile: storeOptions.profile, aws: aws, configuration: configuration)
        let store = try storeOptions.open(defaultProfile: demo ? "demo" : storeOptions.profile ?? AWSOptions.impliedProfile())
        // Nothing is written to a store this vaultwatch cannot wholly read (a newer schema anywhere).
        do {
            try store.requireReadableSchemas()
        } catch {
            throw CLIError("\(error)")
        }
        let clock: any Clock = demo ? simulation.clock() : SystemClock()
        let feedSources = FeedOptions.sources(preparedFeeds, store: store, clock: clock)
        let sources: [any Source] =
            demo
            ? [simulation.source(clock: clock)]
            : accountSources + feedSources
        let printer = SyncPrinter()
        let failure = FailureBox()
        let stop = StopSignals()
        let worker = SyncWorker(
            store: store, sources: sources, rules: rules, clock: clock,
            publish: { printer.show($0) },
            fail: { message in
                failure.set(message)
                stop.stop()
            })
        var sourceFailed = false
        if once {
            Self.stopOnSignal(stop, unless: failure)
            worker.syncNow()  // loads the store and starts the sources (an AWS account is read whole)
            // A feed's start only finds where to resume, and the demo's first activity comes with its
            // first poll: one poll more reads them.
            if demo || !feedSources.isEmpty, failure.get() == nil { worker.syncNow() }
            sourceFailed = worker.sourceStatuses.contains(where: \.isFailing)
        } else {
            worker.start()
            stop.wait()
            worker.stopAndWait()
        }
        // Nothing this run appended is left without a signed digest.
        store.signDigestIfUncovered()
        ProblemReport.say(store.takeNotes())
        if let message = failure.get() { throw CLIError(message) }
        // A failed source was said once, on stderr, as it failed (and its sync line on stdout): the
        // exit status is all that is left to say.
        if sourceFailed { throw ExitCode.failure }
    }
}

extension Sync {
    /// `sync --once` waits on the network (an endpoint that never answers, a credential helper that
    /// hangs) where no stop between two pieces of work comes: Ctrl-C or SIGTERM then gives it two
    /// seconds to finish and ends it, as SIGKILL would; the store is built to lose nothing to that
    /// (whole lines under a lock, fsync; `RELIABILITY.md`'s kill cycles).
    static func stopOnSignal(_ stop: StopSignals, unless failure: FailureBox) {
        DispatchQueue.global().async {
            stop.wait()
            guard failure.get() == nil else { return }  // a failure stops the sync itself
            Thread.sleep(forTimeInterval: 2)
            FileHandle.standardError.write(Data("vaultwatch: stopped before the sync finished; what it wrote is kept\n".utf8))
            Foundation.exit(130)
        }
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
        // A source that failed before learning its account says "-" for it.
        let head = "\(UTC.iso(sync.at)) \(sync.source) \(sync.accountId.isEmpty ? "-" : sync.accountId) \(sync.region)"
        if let error = sync.error { return TextTable.sanitize("\(head) failed: \(error)") }
        let unread = sync.degraded.map { ", \($0.count) read\($0.count == 1 ? "" : "s") not possible (see notices)" } ?? ""
        return TextTable.sanitize(
            "\(head) ok: \(state.vaults.count) vaults, \(state.pointCount) recovery points, "
                + "\(state.alerts.count) alerts (\(state.unacknowledgedAlertCount) unacknowledged)\(unread)")
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
