import Foundation
import VaultCore
import VaultDemo

/// The embedded demo account as a `Source`: a `DemoSimulation` polled by the worker, with a
/// `.sync` status after each poll. Time is whatever `now` the worker passes (a `SimulatedClock`
/// for `--speed`).
public final class DemoSource: Source {
    public let name = "demo"
    public let accountId = DemoAccount.accountId
    public let region = DemoAccount.region
    public var seed: UInt64 { simulation.seed }
    /// The simulated service, once started.
    public var backend: DemoBackend? { simulation.backend }

    public static let defaultSeed = DemoSimulation.defaultSeed
    /// The longest stretch of simulated time one poll plays chance events for.
    public static let maxSpanPerPoll = DemoSimulation.maxSpanPerPlay

    private let simulation: DemoSimulation

    public init(seed: UInt64 = DemoSource.defaultSeed) {
        simulation = DemoSimulation(seed: seed)
    }

    public func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        SourceBatch(records: try simulation.start(resuming: state, at: now), nextPoll: Self.pollInterval)
    }

    public func poll(at now: Date) throws -> SourceBatch {
        let records = try simulation.play(until: now)
        return SourceBatch(
            records: records + [.sync(SyncStatus(source: name, accountId: accountId, region: region, at: now))],
            nextPoll: Self.pollInterval)
    }

    /// The simulated account changes all the time: polled twice a second.
    public static let pollInterval: TimeInterval = 0.5
}
