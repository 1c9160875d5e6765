import Foundation
import VaultCore
import VaultDemo

/// The demo account served over HTTP, in process: a `DemoSimulation` whose people make signed calls
/// to an emulator of its backend on 127.0.0.1 (a free port), in the demo's organization with the
/// demo's SCP attached to the account, KMS knowing the demo's keys and their aliases, and the demo's
/// EventBridge rule on the default bus. What `vaultwatch demo` runs and reads through the AWS
/// source: the source reaches `endpoint` with `connection(as: "reader")`, and `play(until:)` moves
/// the account on at each poll.
public final class DemoEndpoint {
    public let simulation: DemoSimulation
    public let local: LocalEmulator
    public var emulator: Emulator { local.emulator }
    public var endpoint: String { local.endpoint }

    /// Seeds (or resumes from `state`) the demo account as of `now`, and serves it. The emulator's
    /// time is `clock`'s (the demo's simulated time) when given, else the wall clock's shifted to
    /// start at `now`; each act moves it forward to the act's instant.
    public init(
        seed: UInt64 = DemoSimulation.defaultSeed, resuming state: AccountState = AccountState(), at now: Date,
        clock: (any Clock)? = nil
    ) throws {
        simulation = DemoSimulation(seed: seed)
        let seeded = try simulation.start(resuming: state, at: now)
        guard let backend = simulation.backend else { throw DemoSourceError.notStarted }
        let time = clock.map { clock in EmulatorClock(wall: { clock.now() }) } ?? EmulatorClock(offset: now.timeIntervalSinceNow)
        var organization = EmulatorOrganization.demo()
        let guardrail = DemoAccount.guardrail
        try organization.put(
            guardrail.policyName, document: guardrail.document(account: DemoAccount.accountId), at: DemoAccount.accountId)
        let emulator = Emulator(
            backend: backend, principals: EmulatorPrincipals.generate(), clock: time, organization: organization,
            rules: .demo(), keys: DemoAccount.customerManagedKeys, jobSeconds: 0)
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
