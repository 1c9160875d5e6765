import Foundation
import Synchronization
import VaultBench
import VaultCore
import VaultStore
import VaultSync
import VaultTUI

/// `--first-frame STORE --t0 NS`, run as a fresh process: starts the real sync worker on the
/// store as the dashboard does, takes each published snapshot through `update` and renders it
/// with the pure view on this thread, as the dashboard's loop does. Its `AppState` is built as
/// `vaultwatch watch` builds it, guardrail setup included, so the frame of a snapshot that is no
/// longer loading runs the posture checks as the dashboard's does. Prints when the first frame,
/// the first frame showing vaults, the first frame showing all `points` points, and the first
/// frame with the whole store loaded (the activity log too) were ready, counted from `t0` (taken
/// by the parent just before it started this process).
enum FirstFrameProbe {
    static func run(store directory: URL, t0: UInt64, points: Int) throws {
        let inbox = SnapshotInbox()
        let account = AccountGenerator.account
        let rules = [AlertRule.seed(account: account)]
        let worker = SyncWorker(
            store: try Store(directory: directory), source: nil, rules: rules,
            clock: SystemClock(), publish: { inbox.post($0) }, fail: { inbox.fail($0) })
        var state = AppState(
            snapshot: AccountSnapshot(sourceName: worker.sourceName, loading: true), now: Date(), width: 120, height: 40,
            guardrailSetup: GuardrailSetup(rules: rules, settings: .seed(account: account)))
        worker.start()
        var first: Double?
        var vaults: Double?
        var everyPoint: Double?
        while true {
            let snapshot = try inbox.next()
            let frameStart = Monotonic.now()
            _ = Update.apply(.tick(Date()), to: &state)
            _ = Update.apply(.snapshot(snapshot), to: &state)
            let grid = View.render(state)
            let ms = Double(Monotonic.now() - t0) / 1e6
            withExtendedLifetime(grid) {}
            if first == nil { first = ms }
            if vaults == nil, !snapshot.state.vaults.isEmpty { vaults = ms }
            if everyPoint == nil, snapshot.state.pointCount == points { everyPoint = ms }
            if !snapshot.loading {
                print(
                    #"{"first_ms": \#(first ?? ms), "vaults_ms": \#(vaults ?? ms), "points_ms": \#(everyPoint ?? ms),"#
                        + #" "loaded_ms": \#(ms),"#
                        + #" "loaded_frame_ms": \#(Double(Monotonic.now() - frameStart) / 1e6),"#
                        + #" "points": \#(snapshot.state.pointCount)}"#)
                worker.stop()
                return
            }
        }
    }
}

/// The newest snapshot the worker published, handed to the rendering thread.
private final class SnapshotInbox: Sendable {
    private let latest = Mutex<(snapshot: AccountSnapshot?, failure: String?)>((nil, nil))
    private let ready = DispatchSemaphore(value: 0)

    func post(_ snapshot: AccountSnapshot) {
        latest.withLock { $0.snapshot = snapshot }
        ready.signal()
    }

    func fail(_ message: String) {
        latest.withLock { $0.failure = message }
        ready.signal()
    }

    func next() throws -> AccountSnapshot {
        while true {
            ready.wait()
            let (snapshot, failure) = latest.withLock { value in
                defer { value.snapshot = nil }
                return value
            }
            if let failure { throw BenchError("the sync worker failed: \(failure)") }
            if let snapshot { return snapshot }
        }
    }
}
