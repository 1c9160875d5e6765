import Foundation
import Testing

@testable import VaultCore

/// One time for a store, whoever reads it: the wall clock, or the demo's simulated time carried
/// on from its newest sync at the wall clock's pace.
@Suite struct StoreTimeTests {
    static let wall = Date(timeIntervalSince1970: 1_800_000_000)

    static func state(_ syncs: [SyncStatus]) -> AccountState {
        var state = AccountState()
        state.apply(syncs.map { .sync($0) })
        return state
    }

    @Test func aRealAccountsStoreIsOnTheWallClock() {
        let time = StoreTime(Self.state([SyncStatus(source: "aws 1 us-east-1", accountId: "1", region: "us-east-1", at: Self.wall + 30)]), wall: Self.wall)
        #expect(time.now == Self.wall && time.ahead == 0 && !time.isSimulated && !time.differsFromWallClock)
    }

    @Test func aDemoThatRanAheadLeavesItsStoreAheadByAsMuchAndTimeGoesOnFromThere() {
        // Synced at simulated 10:00 when the wall clock read 08:00: two hours ahead.
        let at = Self.wall + 7200
        let sync = SyncStatus(source: "demo", accountId: "1", region: "r", at: at, simulated: SimulatedTime(speed: 3600, wallClock: Self.wall))
        let state = Self.state([sync])
        let later = StoreTime(state, wall: Self.wall + 60)
        #expect(later.ahead == 7200 && later.isSimulated && later.differsFromWallClock)
        #expect(later.now == at + 60, "a minute later on the wall, a minute later in the store")
        #expect(later.label == "simulated time \(UTC.second(at + 60)) UTC, 02:00:00 ahead of the clock")
    }

    @Test func aDemoOnTheWallClockIsSimulatedButNotAheadAndAnOldUnstampedDemoSyncCountsAsMadeNow() {
        let now = StoreTime(Self.state([SyncStatus(source: "demo", accountId: "1", region: "r", at: Self.wall - 5)]), wall: Self.wall)
        #expect(now.isSimulated && now.ahead == 0 && now.now == Self.wall && !now.differsFromWallClock)
        let old = StoreTime(Self.state([SyncStatus(source: "demo", accountId: "1", region: "r", at: Self.wall + 500)]), wall: Self.wall)
        #expect(old.ahead == 500 && old.now == Self.wall + 500)
    }

    @Test func aSimulatedClockStampsOnlyWhatIsNotTheWallClock() {
        let wall = SimulatedClockTests.Wall(Self.wall)
        let fast = SimulatedClock(origin: Self.wall, speed: 3600, base: wall)
        wall.instant = Self.wall + 2
        let stamp = fast.stamp(fast.now())
        #expect(stamp == SimulatedTime(speed: 3600, wallClock: Self.wall + 2))
        #expect(fast.wallClock(of: Self.wall + 3600) == Self.wall + 1)
        let real = SimulatedClock(origin: Self.wall + 2, speed: 1, base: wall)
        #expect(real.stamp(real.now()) == nil, "a real account's syncs carry nothing")
        real.resume(from: Self.wall + 100)
        #expect(real.stamp(real.now()) == SimulatedTime(speed: 1, wallClock: Self.wall + 2), "once moved ahead, it says so")
    }

    @Test func aStampedSyncSurvivesTheStoresJSON() throws {
        let sync = SyncStatus(source: "demo", accountId: "1", region: "r", at: Self.wall, simulated: SimulatedTime(speed: 60, wallClock: Self.wall - 10))
        let back = try JSONDecoder().decode(SyncStatus.self, from: JSONEncoder().encode(sync))
        #expect(back == sync)
        let old = try JSONDecoder().decode(
            SyncStatus.self, from: Data(#"{"source":"demo","accountId":"1","region":"r","at":0}"#.utf8))
        #expect(old.simulated == nil)
    }
}
