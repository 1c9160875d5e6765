import Foundation
import VaultBench
import VaultCore
import VaultStore
import VaultSync
import VaultTUI
import VaultTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// `--dashboard-probe STORE`, run by the harness on a pseudo-terminal: the dashboard as
/// `vaultwatch --source none` runs it (the terminal loop of VaultTerminal, the real sync worker
/// following the store), with the alert rule and guardrail settings of the generated account.
/// `$VW_BENCH_READY` is created once the whole store is loaded.
enum DashboardProbe {
    static func run(store directory: URL) throws {
        let environment = ProcessInfo.processInfo.environment
        let clock = SystemClock()
        let rules = [AlertRule.seed(account: AccountGenerator.account)]
        let ready = environment["VW_BENCH_READY"]
        let inbox = Inbox()
        let worker = SyncWorker(
            store: try Store(directory: directory), sources: [], rules: rules, clock: clock,
            publish: { snapshot in
                inbox.post(.snapshot(snapshot))
                if !snapshot.loading, let ready, !FileManager.default.fileExists(atPath: ready) {
                    _ = FileManager.default.createFile(atPath: ready, contents: Data())
                }
            },
            fail: { _ in inbox.wake(UInt8(SIGTERM)) })
        let state = AppState(
            snapshot: AccountSnapshot(sourceName: worker.sourceName, loading: true), now: clock.now(),
            identity: "bench@host",
            guardrailSetup: GuardrailSetup(rules: rules, settings: .seed(account: AccountGenerator.account)))
        worker.start()
        MainActor.assumeIsolated {
            Dashboard(state: state, themes: ThemeCatalog(themes: []), inbox: inbox, clock: clock) { _ in }.run()
        }
        worker.stop()
    }
}
