import Foundation
import VaultCore
import VaultStore
import VaultSync
import VaultTUI
import VaultTerminal

/// Wires a store, a worker and the dashboard together and runs it until the operator quits.
enum DashboardLauncher {
    struct Options {
        var theme: String?
        var readOnly: Bool
        var identity: String
        /// The demo's speed: its clock is simulated even at 1.
        var simulatedSpeed: Double? = nil
    }

    /// The dashboard draws on a terminal; a script gets the listing commands instead.
    static func requireTerminal() throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw CLIError("the dashboard needs a terminal; for scripts use `vaultwatch vaults|points|alerts --json`")
        }
    }

    static func run(
        store: Store, sources: [any Source], guardrails: GuardrailOptions.Loaded, clock: any Clock, options: Options
    ) throws {
        try requireTerminal()
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        let themes = ThemeCatalog.load(
            from: ThemeCatalog.defaultFolders(executable: Bundle.main.executableURL ?? executable, environment: environment))
        let inbox = Inbox()
        let failure = FailureBox()
        let worker = SyncWorker(
            store: store, sources: sources, rules: guardrails.rules, clock: clock,
            publish: { inbox.post(.snapshot($0)) },
            fail: { message in
                failure.set(message)
                inbox.wake(UInt8(SIGTERM))
            })
        let keyMap = try KeyMapFile.load(environment: environment)
        var state = AppState(
            snapshot: AccountSnapshot(sourceName: worker.sourceName, loading: true), now: clock.now(),
            themeNames: themes.themes.map(\.name), identity: options.identity, keyMap: keyMap,
            readOnly: options.readOnly,
            guardrailSetup: GuardrailSetup(
                rules: guardrails.rules, rulesAreDefaults: guardrails.rulesAreDefaults, suppliedSCPs: guardrails.scps,
                settings: guardrails.settings))
        // The demo's time is simulated, and labelled so with its date (so is any store's that is
        // on simulated time: see AppState.timeIsSimulated).
        state.simulatedSpeed = options.simulatedSpeed
        let wanted = options.theme ?? environment["VAULTWATCH_THEME"]
        if let wanted {
            guard let index = themes.index(named: wanted) else {
                throw CLIError("no theme named \"\(wanted)\"; available: \(themes.themes.map(\.name).joined(separator: ", "))")
            }
            state.themeIndex = index
        }
        let identity = options.identity
        // From here the screen is the dashboard's: a long wait for a lock shows in its header.
        StoreLockWait.observe { inbox.post(.storeLockWait(holder: $0?.holder)) }
        worker.start()
        MainActor.assumeIsolated {
            let dashboard = Dashboard(state: state, themes: themes, inbox: inbox, clock: clock) { effect in
                if case .acknowledge(let id, let note) = effect {
                    worker.acknowledge(alertId: id, note: note, by: identity) { error in
                        inbox.post(.acknowledged(alertId: id, error: error))
                    }
                }
            }
            dashboard.run()
        }
        // The screen is the terminal's again: a wait from here on is said on stderr.
        CommandLineErrors.sayLockWaitsOnStandardError()
        worker.stop()
        // Nothing this session appended is left without a signed digest.
        store.signDigestIfUncovered()
        for problem in themes.problems { ProblemReport.warn("theme skipped: \(problem)") }
        if let message = failure.get() { throw CLIError(message) }
    }
}

/// Carries a fatal worker error to the main thread.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ m: String) { lock.withLock { message = message ?? m } }
    func get() -> String? { lock.withLock { message } }
}
