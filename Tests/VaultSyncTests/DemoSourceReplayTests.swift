import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The demo is a pure function of its seed and the instants it is given, and it resumes from
/// the store without seeding twice.
@Suite struct DemoSourceReplayTests {
    let start = Fixture.t0 + 0.25
    var polls: [Date] {
        [
            start + 3, start + 4 * Fixture.minute, start + 2 * Fixture.hour, start + 19 * Fixture.hour,
            start + 3 * Fixture.day,
        ]
    }

    func run(seed: UInt64) throws -> [Record] {
        let source = DemoSource(seed: seed)
        var records = try source.startRecords(resuming: AccountState(), at: start)
        for now in polls { records += try source.pollRecords(at: now) }
        return records
    }

    @Test func theSameSeedAndTimesGiveIdenticalRecords() throws {
        let a = try run(seed: 42)
        let b = try run(seed: 42)
        #expect(a.count > 1_000)
        #expect(firstMismatch(a, b) == nil)
    }

    @Test func anotherSeedGivesAnotherStory() throws {
        let a = try run(seed: 42)
        let b = try run(seed: 43)
        #expect(a.calls.map(\.id) != b.calls.map(\.id))
        // The layout is the same whatever the seed.
        #expect(a.vaults.map(\.name) == b.vaults.map(\.name))
    }

    @Test func resumingFromTheSeedRecordsSeedsNothingTwice() throws {
        let first = DemoSource()
        let seed = try first.startRecords(resuming: AccountState(), at: start)
        let state = AccountState(seed)

        let resumed = DemoSource()
        #expect(try resumed.startRecords(resuming: state, at: start + Fixture.minute).isEmpty)
        let backend = try #require(resumed.backend)
        #expect(backend.vaultNames == state.sortedVaults.map(\.name))
        #expect(backend.pointCount == state.pointCount)
        for name in backend.vaultNames {
            #expect(backend.points(in: name).map(\.arn) == state.points(in: Fixture.key(name)).map { $0.arn })
        }

        let records = try resumed.pollRecords(at: start + 6 * Fixture.hour)
        #expect(!records.calls.contains { $0.action == "CreateBackupVault" })
        #expect(records.vaults.isEmpty)
        let known = Set(state.sortedVaults.flatMap { state.points(in: $0.key) }.map(\.arn))
        let newPoints = records.jobs.compactMap(\.recoveryPointArn)
        #expect(!newPoints.isEmpty)
        #expect(newPoints.allSatisfy { !known.contains($0) })
        var after = state
        after.apply(records)
        #expect(after.pointCount == backend.pointCount)
        #expect(
            after.sortedVaults.allSatisfy { v in
                after.points(in: v.key).map(\.arn).uniqueCount == after.points(in: v.key).count
            })
    }

    /// Stopping after a poll and resuming from the store gives the same next poll as running on.
    @Test func aResumedDemoContinuesExactlyAsAnUninterruptedOne() throws {
        let t1 = start + 5 * Fixture.hour
        let t2 = start + 2 * Fixture.day

        let uninterrupted = DemoSource()
        var stored = try uninterrupted.startRecords(resuming: AccountState(), at: start)
        stored += try uninterrupted.pollRecords(at: start + 10)
        stored += try uninterrupted.pollRecords(at: t1)
        let expected = try uninterrupted.pollRecords(at: t2)

        let resumed = DemoSource()
        #expect(try resumed.startRecords(resuming: AccountState(stored), at: t1 + 30).isEmpty)
        let continued = try resumed.pollRecords(at: t2)
        #expect(continued.count > 20)
        #expect(firstMismatch(continued, expected) == nil)
    }

    /// Time never runs backwards: a poll before the newest stored instant plays nothing.
    @Test func aResumedDemoDoesNotReplayThePast() throws {
        let source = DemoSource()
        var stored = try source.startRecords(resuming: AccountState(), at: start)
        stored += try source.pollRecords(at: start + Fixture.day)

        let resumed = DemoSource()
        _ = try resumed.startRecords(resuming: AccountState(stored), at: start + Fixture.hour)
        let early = try resumed.pollRecords(at: start + Fixture.hour)
        #expect(early.count == 1)
        #expect(early.syncs.count == 1)
    }
}
