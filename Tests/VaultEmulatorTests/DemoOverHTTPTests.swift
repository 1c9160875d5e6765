import Foundation
import Testing
import VaultCore
import VaultDemo
import VaultEmulator

/// The demo's activity made of signed HTTP calls: the same seed played with its people's calls
/// sent through an in-process emulator (SigV4, the access policies and the demo's SCP through the
/// evaluator) refuses and lets through exactly what the backend played directly does.
@Suite struct DemoOverHTTPTests {
    /// Each call a person made: action, who, and whether it was refused.
    static func peopleCalls(_ records: [ApiCall]) -> [String] {
        records.filter { !$0.principal.arn.contains("AWSBackupDefaultServiceRole") }.map {
            "\($0.action) \($0.principal.arn) \($0.vaultName ?? "-") \($0.errorCode == nil ? "ok" : "refused")"
        }
    }

    static func calls(_ records: [Record]) -> [ApiCall] {
        records.compactMap { if case .call(let call) = $0 { return call } else { return nil } }
    }

    @Test func theSameSeedGivesTheSameOutcomesThroughTheEndpoint() throws {
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let steps = (1...12).map { start + Double($0) * 1_800 }

        let direct = DemoSimulation(seed: 7)
        _ = try direct.start(resuming: AccountState(), at: start)
        var directCalls: [ApiCall] = []
        for step in steps { directCalls += Self.calls(try direct.play(until: step)) }

        let demo = try DemoEndpoint(seed: 7, at: start)
        defer { demo.stop() }
        let emulator = demo.emulator
        for step in steps { try demo.play(until: step) }
        let overHTTP = emulator.trail.all.map(\.call).filter { $0.time > start }
        let caller = try #require(demo.simulation.caller as? SignedDemoCaller)

        let people = Self.peopleCalls(directCalls)
        #expect(people.count >= 5, "\(people)")
        #expect(Self.peopleCalls(overHTTP).sorted() == people.sorted())
        #expect(overHTTP.count == directCalls.count)
        // The AWS source's view: the account over the endpoint, as the admin.
        let admin = try #require(demo.connection(as: "admin")).client()
        let vaults = try admin.send(BackupRequest.listBackupVaults()).jsonObject()["BackupVaultList"] as? [[String: Any]] ?? []
        #expect(vaults.compactMap { $0["BackupVaultName"] as? String }.sorted() == demo.simulation.backend?.vaultNames)
        #expect(people.contains { $0.hasSuffix("refused") } && people.contains { $0.hasSuffix("ok") })
        #expect(caller.unanswered == 0)
        // Each people's call went over HTTP, carrying the key that signed it, the signer's; AWS
        // Backup's own calls (plan runs, copies sent in) have no key.
        let events = emulator.trail.all
        let signed = events.filter { $0.accessKeyId != nil && $0.call.action != "ListBackupVaults" }
        #expect(signed.count == people.count)
        #expect(signed.allSatisfy { event in
            emulator.principals.first { $0.accessKeyId == event.accessKeyId }?.principal.arn == event.call.principal.arn
        })
    }
}
