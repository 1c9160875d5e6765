import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// A simulated time is always said to be one, with its date; a sync is "just now" in real time.
@Suite struct SimulatedTimeScreenTests {
    static func app(syncedAgo: TimeInterval, simulated: SimulatedTime?, speed: Double?) -> AppState {
        var state = Fixture.state
        state.apply([
            .sync(SyncStatus(source: "demo", accountId: Fixture.account, region: Fixture.region, at: Fixture.now - syncedAgo, simulated: simulated))
        ])
        var s = AppState(
            snapshot: AccountSnapshot(state: state, sourceName: "store", generation: 1), now: Fixture.now, width: 100, height: 24,
            identity: "tester@host", guardrailSetup: Fixture.guardrails)
        s.simulatedSpeed = speed
        return s
    }

    @Test func theDemoAtAnHourASecondSyncedHalfAnHourAgoInItsTimeSyncedJustNow() {
        let header = View.render(Self.app(syncedAgo: 1800, simulated: nil, speed: 3600)).line(0)
        #expect(header.contains("synced just now"), "\(header)")
        let tabs = View.render(Self.app(syncedAgo: 1800, simulated: nil, speed: 3600)).line(1)
        #expect(tabs.contains("simulated 2026-11-23 14:02:11"), "\(tabs)")
        #expect(tabs.contains("×3,600"), "\(tabs)")
    }

    @Test func aDashboardOnAStoreTheDemoLeftAheadSaysItsTimeIsSimulated() {
        // Synced a day ahead of the wall clock: whoever reads the store is on that time.
        let ahead = SimulatedTime(speed: 3600, wallClock: Fixture.now - 86_400)
        let tabs = View.render(Self.app(syncedAgo: 2, simulated: ahead, speed: nil)).line(1)
        #expect(tabs.contains("simulated 2026-11-23 14:02:11"), "\(tabs)")
        #expect(!tabs.contains("×"), "its own clock runs at the wall's pace: \(tabs)")
        let real = View.render(Self.app(syncedAgo: 2, simulated: nil, speed: nil))
        #expect(real.line(1).contains("2026-11-23 14:02:11 UTC") && !real.line(1).contains("simulated"), "\(real.line(1))")
    }
}
