import AWSClient
import Foundation
import Testing
import VaultCore
import VaultDemo
import VaultEmulator
import VaultSync

/// The production path: the AWS source (`AWSAccountSource`, AWSClient, SigV4, pagination) reads the
/// demo account served by the emulator, as `vaultwatch demo` is to run it.
@Suite struct AWSSourceOverEmulatorTests {
    @Test func theAWSSourceSyncsTheDemoAccountThroughTheEndpoint() throws {
        // A fixed instant, so the same points expire on every run (signatures still use the wall clock).
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let demo = try DemoEndpoint(seed: 7, at: start)
        defer { demo.stop() }
        let backend = try #require(demo.simulation.backend)
        let client = try #require(demo.connection(as: "admin")).client()
        let source = try AWSAccountSource(client: client, region: DemoAccount.region)
        var state = AccountState()
        // As the worker does: apply a batch, then tell the source it is stored.
        func take(_ batch: SourceBatch) throws {
            state.apply(batch.records)
            try batch.committed?()
        }
        try take(try source.start(resuming: state, at: start))
        #expect(source.accountId == DemoAccount.accountId)
        #expect(state.sortedVaults.map(\.name) == backend.vaultNames)
        #expect(state.pointCount == backend.pointCount)
        let central = try #require(state.sortedVaults.first { $0.name == DemoAccount.centralVault })
        #expect(central.lock?.minRetentionDays == backend.vault(named: DemoAccount.centralVault)?.lock?.minRetentionDays)
        #expect(state.accessPolicies[central.key]?.document == backend.accessPolicy(of: DemoAccount.centralVault))

        // Six hours of activity later (points made, points expired), a poll brings the account as it is.
        let before = Set(backend.vaultNames.flatMap { backend.points(in: $0).map(\.arn) })
        try demo.play(until: start + 6 * 3600)
        let after = Set(backend.vaultNames.flatMap { backend.points(in: $0).map(\.arn) })
        #expect(!before.subtracting(after).isEmpty && !after.subtracting(before).isEmpty)
        try take(try source.poll(at: start + 6 * 3600))
        #expect(state.pointCount == backend.pointCount)
        // Every request the source made was signed by the admin's key and recorded.
        let admin = try #require(demo.connection(as: "admin")).principal.accessKeyId
        #expect(demo.emulator.trail.all.contains { $0.accessKeyId == admin && $0.call.action == "ListRecoveryPointsByBackupVault" })
    }
}

/// The demo through the endpoint is as complete as the demo played directly: the AWS source reads
/// its organization's SCPs, its keys and its rule over HTTP, and every guardrail check comes out as
/// it does on the records of the simulation itself, none of them left unknown.
@Suite struct DemoGuardrailsOverEmulatorTests {
    @Test func everyCheckHasTheVerdictOfTheDirectDemo() throws {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        var direct = AccountState()
        direct.apply(try DemoSimulation(seed: 7).start(resuming: AccountState(), at: start))

        let demo = try DemoEndpoint(seed: 7, at: start)
        defer { demo.stop() }
        let source = try AWSAccountSource(client: try #require(demo.connection(as: "reader")).client(), region: DemoAccount.region)
        let batch = try source.start(resuming: AccountState(), at: start)
        var read = AccountState()
        read.apply(batch.records)
        let sync = try #require(read.syncBySource[source.name])
        #expect(sync.degraded == nil, "nothing the source could not read: \(sync.degraded ?? [])")
        #expect(read.organizationPaths[DemoAccount.accountId]?.levels.map(\.kind) == [.root, .organizationalUnit, .account])

        func verdicts(_ state: AccountState) -> [String: PostureVerdict] {
            let inputs = GuardrailInputs(
                state: state, rules: [DemoAccount.alertRule], rulesAreDefaults: true, settings: DemoAccount.guardrailSettings)
            let report = PostureChecks.evaluate(inputs, at: start)
            return Dictionary(uniqueKeysWithValues: report.results.map { ("\($0.subject) \($0.checkId)", $0.verdict) })
        }
        let expected = verdicts(direct)
        let got = verdicts(read)
        #expect(expected.count >= 40)
        #expect(got == expected)
        #expect(!got.values.contains(.unknown))
    }
}
