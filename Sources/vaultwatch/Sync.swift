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
        discussion: "The only source today is the embedded demo account (--source demo), which writes to the "
            + "demo's store (profile \"demo\") unless --store or --profile says otherwise.")

    /// Where records come from. The AWS Backup API joins this list as `aws`.
    enum SourceKind: String, ExpressibleByArgument, CaseIterable {
        case demo

        var defaultProfile: String { rawValue }
    }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Where records come from: \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var source: SourceKind

    @OptionGroup(title: "Demo source") var simulation: DemoOptions
    @OptionGroup(title: "Alert rules") var guardrails: GuardrailOptions

    @Flag(help: "Start the source (seeding or resuming the account), poll it once, and exit.")
    var once = false

    func run() throws {
        let rules = try guardrails.load(
            defaultRules: [DemoAccount.alertRule], defaultSettings: DemoAccount.guardrailSettings
        ).rules
        let store = try storeOptions.open(defaultProfile: source.defaultProfile)
        // Nothing is written to a store this vaultwatch cannot wholly read (a newer schema anywhere).
        do {
            try store.requireReadableSchemas()
        } catch {
            throw CLIError("\(error)")
        }
        let printer = SyncPrinter()
        let failure = FailureBox()
        let stop = DispatchSemaphore(value: 0)
        let worker = SyncWorker(
            store: store, source: simulation.source(), rules: rules, clock: simulation.clock(),
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
        // Nothing this run appended is left without a signed digest.
        store.signDigestIfUncovered()
        ProblemReport.say(store.takeNotes())
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
