import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// Stores written before schema 3 named a vault by name only (one account and region per store):
/// they are read as they are, each record given to the one vault of its name, and new appends
/// land beside them without anything on disk being rewritten.
@Suite("Schema 3: vaults keyed by account, region and name")
struct VaultKeyUpgradeTests {
    /// A line as schema 2 wrote it: the payload without the vault's account and region.
    static func schemaTwoLine(_ record: Record, seq: Int) throws -> String {
        let data = String(decoding: try RecordEncoder().data(of: record), as: UTF8.self)
        return #"{"data":\#(data),"schema":2,"seq":\#(seq),"type":"\#(record.type.rawValue)"}"#
    }

    static func legacy(_ point: RecoveryPoint) -> RecoveryPoint {
        var p = point
        p.accountId = ""
        p.region = ""
        return p
    }

    @Test("a schema-2 store loads with every point, job, alert and policy given to its vault")
    func schemaTwoStore() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        let prod = Fixture.vault("prod")
        var job = Fixture.job("j1", vault: "prod")
        job.accountId = ""
        job.region = ""
        var alert = Fixture.alert("ev-1")
        alert.accountId = ""
        alert.region = ""
        alert.vaultName = "prod"
        let files: [(String, [Record])] = [
            ("vaults.jsonl", [.vault(prod), .vault(Fixture.vault("gone")), .vaultRemoved(.legacy("gone"), at: Fixture.now)]),
            ("points/prod.jsonl", [.recoveryPoint(Self.legacy(Fixture.point(1, in: "prod"))), .recoveryPoint(Self.legacy(Fixture.point(2, in: "prod")))]),
            ("points/gone.jsonl", [.recoveryPoint(Self.legacy(Fixture.point(9, in: "gone")))]),
            ("jobs.jsonl", [.job(job)]),
            ("alerts.jsonl", [.alert(alert)]),
            ("policies.jsonl", [.policy(.accessPolicy(of: .legacy("prod"), document: #"{"Statement":[]}"#, at: Fixture.now))]),
        ]
        for (file, records) in files {
            let text = try records.enumerated().map { try Self.schemaTwoLine($1, seq: $0 + 1) + "\n" }.joined()
            if file.hasPrefix("points/") { try FileManager.default.createDirectory(at: dir.file("points"), withIntermediateDirectories: true) }
            try write(Array(text.utf8), to: dir.file(file))
        }
        let before = snapshot(of: dir.store)

        let load = try Store(directory: dir.store).loadAccount()
        #expect(load.problems == [])
        let key = Fixture.key("prod")
        let state = load.state
        #expect(state.vaults.keys.sorted() == [key])
        #expect(state.points(in: key).map(\.arn) == [Fixture.point(1, in: "prod").arn, Fixture.point(2, in: "prod").arn])
        #expect(state.points(in: key).allSatisfy { $0.accountId == Fixture.account && $0.region == Fixture.region })
        #expect(state.pointsByVault.keys.allSatisfy { !$0.isLegacy })
        #expect(state.recentJobs(in: key, limit: 5).map(\.id) == ["j1"])
        #expect(state.alerts.first?.vaultKey == key)
        #expect(state.accessPolicies[key]?.document == #"{"Statement":[]}"#)
        #expect(snapshot(of: dir.store) == before, "reading upgrades in memory only")

        // New lines of the vault go on in its own (legacy-named) file, keyed: one file, in order, so
        // a removal is never read before the point it removes.
        try Store(directory: dir.store).append([
            .recoveryPoint(Fixture.point(3, in: "prod")),
            .recoveryPointRemoved(arn: Fixture.point(1, in: "prod").arn, vault: key, at: Fixture.now),
        ])
        #expect(!FileManager.default.fileExists(atPath: dir.file("points/111122223333.eu-west-1.prod.jsonl").path))
        #expect(lines(of: dir.file("points/prod.jsonl")).count == 4)
        for loaded in [try Store(directory: dir.store).loadAccount().state, try Self.followed(dir)] {
            #expect(loaded.points(in: key).map(\.arn) == [Fixture.point(2, in: "prod").arn, Fixture.point(3, in: "prod").arn])
            #expect(loaded.pointsByVault.keys.allSatisfy { !$0.isLegacy })
        }
    }

    /// The state a tail builds by polling, record by record (the path a dashboard takes for what
    /// other processes append).
    static func followed(_ dir: borrowing TemporaryDirectory) throws -> AccountState {
        var state = AccountState()
        state.apply(try Store(directory: dir.store).makeTail().poll().records)
        return state
    }

    @Test("two accounts' vaults of one name stay apart: their own files, their own points")
    func twoAccountsOneName() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        var other = Fixture.vault("prod")
        other.accountId = "444455556666"
        other.region = "us-east-1"
        var otherPoint = Fixture.point(7, in: "prod")
        otherPoint.accountId = "444455556666"
        otherPoint.region = "us-east-1"
        try store.append([
            .vault(Fixture.vault("prod")), .vault(other), .recoveryPoint(Fixture.point(1, in: "prod")),
            .recoveryPoint(otherPoint),
            .recoveryPointRemoved(arn: Fixture.point(1, in: "prod").arn, vault: other.key, at: Fixture.now),
        ])
        // Each points file has its summary and ARN hashes beside it (`PointsFileSummary`).
        let points = try FileManager.default.contentsOfDirectory(atPath: dir.file("points").path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(points == ["111122223333.eu-west-1.prod.jsonl", "444455556666.us-east-1.prod.jsonl"])
        let state = try store.loadAccount().state
        #expect(state.vaults.count == 2)
        #expect(state.points(in: Fixture.key("prod")).map(\.arn) == [Fixture.point(1, in: "prod").arn])
        #expect(state.points(in: other.key).map(\.arn) == [otherPoint.arn])
        #expect(state.vaults(named: "prod").map(\.accountId) == ["111122223333", "444455556666"])
        #expect(state.vaults(named: "444455556666/us-east-1/prod").map(\.key) == [other.key])
        #expect(state.spansAccountsOrRegions)
        // A legacy record is the home account's (the first vault's), whatever else shares its name.
        #expect(state.resolve(.legacy("prod")) == Fixture.key("prod"))
    }
}
