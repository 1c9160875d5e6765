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
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let demo = try DemoEndpoint(seed: 7, at: start)
        defer { demo.stop() }
        let backend = try #require(demo.simulation.backend)
        let client = try #require(demo.connection(as: "admin")).client()
        let source = try AWSAccountSource(client: client, region: DemoAccount.region)
        var state = AccountState()
        state.apply(try source.start(resuming: state, at: start).records)
        #expect(source.accountId == DemoAccount.accountId)
        #expect(state.sortedVaults.map(\.name) == backend.vaultNames)
        #expect(state.pointCount == backend.pointCount)
        let central = try #require(state.sortedVaults.first { $0.name == DemoAccount.centralVault })
        #expect(central.lock?.minRetentionDays == backend.vault(named: DemoAccount.centralVault)?.lock?.minRetentionDays)
        #expect(state.accessPolicies[central.key]?.document == backend.accessPolicy(of: DemoAccount.centralVault))

        // An hour of activity later, a poll brings the new points.
        try demo.play(until: start + 3600)
        state.apply(try source.poll(at: start + 3600).records)
        #expect(state.pointCount == backend.pointCount)
        // Every request the source made was signed by the admin's key and recorded.
        let admin = try #require(demo.connection(as: "admin")).principal.accessKeyId
        #expect(demo.emulator.trail.all.contains { $0.accessKeyId == admin && $0.call.action == "ListRecoveryPointsByBackupVault" })
    }
}
