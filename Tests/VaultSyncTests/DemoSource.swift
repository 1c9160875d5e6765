import Foundation
import VaultCore
import VaultDemo
import VaultSync

/// The demo's simulation as a `Source`, without HTTP: its records straight from the backend, with
/// a `.sync` status after each poll. What these tests drive the worker and replay the simulation
/// with; `vaultwatch demo` itself serves the simulation with the emulator and reads it with the AWS
/// source.
final class DemoSource: Source {
    let name = "demo"
    let accountId = DemoAccount.accountId
    let region = DemoAccount.region
    var seed: UInt64 { simulation.seed }
    /// The simulated service, once started.
    var backend: DemoBackend? { simulation.backend }

    static let defaultSeed = DemoSimulation.defaultSeed
    /// The longest stretch of simulated time one poll plays chance events for.
    static let maxSpanPerPoll = DemoSimulation.maxSpanPerPlay

    private let simulation: DemoSimulation

    init(seed: UInt64 = DemoSource.defaultSeed) {
        simulation = DemoSimulation(seed: seed)
    }

    func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        SourceBatch(records: try simulation.start(resuming: state, at: now), nextPoll: Self.pollInterval)
    }

    func poll(at now: Date) throws -> SourceBatch {
        let records = try simulation.play(until: now)
        return SourceBatch(
            records: records + [.sync(SyncStatus(source: name, accountId: accountId, region: region, at: now))],
            nextPoll: Self.pollInterval)
    }

    static let pollInterval: TimeInterval = 0.5
}
