import AWSClient
import Foundation
import VaultCore
import VaultDemo
import VaultEmulator
import VaultSync

/// `vaultwatch demo` through the production path: the demo account served in process by the
/// emulator (`DemoEndpoint`, its people's calls signed HTTP requests), and read by the AWS source
/// (`AWSAccountSource`: AWSClient, SigV4, pagination) with a read-only role's keys, as any real
/// account is read. The calls the emulator recorded (but the source's own reads) come with each
/// poll as CloudTrail's would, so the worker raises the same alerts. Its `.sync` records say `demo`.
final class DemoEndpointSource: Source, @unchecked Sendable {
    let name = "demo"
    let accountId = DemoAccount.accountId
    let region = DemoAccount.region
    private let seed: UInt64
    private let speed: Double
    private var demo: DemoEndpoint?
    private var aws: AWSAccountSource?
    private var callsSeen = 0

    init(seed: UInt64, speed: Double) {
        self.seed = seed
        self.speed = speed
    }

    func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        let demo = try DemoEndpoint(seed: seed, resuming: state, at: now, speed: speed)
        guard let reader = demo.connection(as: "reader") else { throw DemoSourceError.notStarted }
        let aws = try AWSAccountSource(
            client: try reader.client(), region: region,
            settings: AWSAccountSource.Settings(pollInterval: DemoSource.pollInterval))
        self.demo = demo
        self.aws = aws
        return finish(try aws.start(resuming: state, at: now))
    }

    func poll(at now: Date) throws -> SourceBatch {
        guard let demo, let aws else { throw DemoSourceError.notStarted }
        try demo.play(until: now)
        return finish(try aws.poll(at: now))
    }

    func cancel() { aws?.cancel() }

    /// The AWS source's batch, its `.sync` records named `demo`, with the calls recorded since.
    private func finish(_ batch: SourceBatch) -> SourceBatch {
        var out = batch
        out.records = batch.records.map { record in
            guard case .sync(var status) = record else { return record }
            status.source = name
            return .sync(status)
        }
        if let events = demo?.emulator.trail.all, events.count > callsSeen {
            let own = EmulatorPrincipals.reader.arn
            out.records += events[callsSeen...].filter { $0.call.principal.arn != own }.map { .call($0.call) }
            callsSeen = events.count
        }
        out.nextPoll = DemoSource.pollInterval
        return out
    }
}
