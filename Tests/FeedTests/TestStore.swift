import TestSupport
import Foundation
import Synchronization
import VaultCore
import VaultStore
import VaultSync

/// A store in a temporary directory, removed afterwards.
final class TemporaryStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-feeds-\(UUID().uuidString)")
    let store: Store

    init() throws { store = try Store(directory: directory) }
    deinit { try? FileManager.default.removeItem(at: directory) }

    /// What a fresh load of the store gives.
    func state() throws -> AccountState { try store.loadAccount().state }

    /// The calls stored, every line (a call stored twice shows twice).
    func callLines() throws -> [ApiCall] {
        try store.load().records.compactMap { if case .call(let call) = $0 { return call } else { return nil } }
    }
}

/// What a worker published.
final class Published: Sendable {
    let snapshots = Mutex<[AccountSnapshot]>([])
    let failures = Mutex<[String]>([])
    var last: AccountSnapshot? { snapshots.withLock { $0.last } }
    var notices: [Notice] { last?.notices ?? [] }

    func worker(store: Store, sources: [any Source], account: String = OrganizationWiring.central) -> SyncWorker {
        SyncWorker(
            store: store, sources: sources, rules: [AlertRule.seed(account: account)], clock: SystemClock(),
            publish: { s in self.snapshots.withLock { $0.append(s) } },
            fail: { m in self.failures.withLock { $0.append(m) } })
    }
}
