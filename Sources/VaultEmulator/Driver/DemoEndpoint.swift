import Foundation
import VaultCore
import VaultDemo

/// The demo account served over HTTP, in process: a `DemoSimulation` whose people make signed calls
/// to an emulator of its backend on 127.0.0.1 (a free port), the demo's SCP attached. What
/// `vaultwatch demo` runs to sync the demo through the AWS source: the source reaches `endpoint`
/// with `connection(as: "admin")`, and `play(until:)` moves the account on at each poll.
public final class DemoEndpoint {
    public let simulation: DemoSimulation
    public let local: LocalEmulator
    public var emulator: Emulator { local.emulator }
    public var endpoint: String { local.endpoint }

    /// Seeds (or resumes from `state`) the demo account as of `now`, and serves it. The emulator's
    /// clock starts at `now` and runs at `speed`; each act moves it forward to the act's instant.
    public init(seed: UInt64 = DemoSimulation.defaultSeed, resuming state: AccountState = AccountState(), at now: Date, speed: Double = 1)
        throws
    {
        simulation = DemoSimulation(seed: seed)
        let seeded = try simulation.start(resuming: state, at: now)
        guard let backend = simulation.backend else { throw DemoSourceError.notStarted }
        let emulator = Emulator(
            backend: backend, principals: EmulatorPrincipals.generate(),
            clock: EmulatorClock(offset: now.timeIntervalSinceNow, speed: speed), jobSeconds: 0)
        let guardrail = DemoAccount.guardrail
        try emulator.setServiceControlPolicy(guardrail.policyName, document: guardrail.document(account: DemoAccount.accountId))
        emulator.absorb(seeded)
        local = try LocalEmulator(emulator)
        simulation.caller = SignedDemoCaller(local)
    }

    /// Plays the demo's activity up to `now`: the people's calls over HTTP, AWS Backup's own calls
    /// on the backend, all of them in the emulator's CloudTrail.
    public func play(until now: Date) throws {
        emulator.absorb(try simulation.play(until: now))
    }

    public func connection(as name: String) -> EmulatorConnection? { local.connection(as: name) }

    public func stop() { local.stop() }
}
