import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// While the points load in the background: the header says how far, and a vault whose points
/// are not in yet says so instead of "none".
@Suite struct PointsLoadingTests {
    func app(width: Int) -> AppState {
        var state = AccountState()
        state.apply(Fixture.records.filter {
            if case .recoveryPoint(let p) = $0 { return p.vaultName != "WORM_vault" }
            return true
        })
        let progress = PointsLoadProgress(loadedBytes: 37, totalBytes: 100, pendingVaults: [Fixture.key("WORM_vault")])
        return AppState(
            snapshot: AccountSnapshot(state: state, sourceName: "demo", loading: true, pointsLoad: progress, generation: 1),
            now: Fixture.now, width: width, height: 24, identity: "tester@host")
    }

    @Test(arguments: [80, 120])
    func headerShowsTheShareLoaded(width: Int) {
        let s = app(width: width)
        let header = View.render(s).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("loading points 37%"), "\(header)")
        #expect(header.contains("new alert"), "\(header)")
    }

    @Test func beforeTheAlertsAreReadTheHeaderSaysSoRatherThanNoNewAlerts() {
        let snapshot = AccountSnapshot(
            state: AccountState(), sourceName: "demo", loading: true, alertsLoading: true, generation: 1)
        let s = AppState(snapshot: snapshot, now: Fixture.now, width: 120, height: 24, identity: "tester@host")
        let header = View.render(s).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("loading alerts…"), "\(header)")
        #expect(!header.contains("no new alerts"), "\(header)")
    }

    @Test func aVaultNotLoadedYetSaysSo() {
        var s = app(width: 80)
        s.tab = .recoveryPoints
        s.pointsVault = Fixture.key("WORM_vault")
        s.deriveRows()
        let screen = View.render(s).text
        #expect(screen.contains("not loaded yet"), "\(screen)")

        // Every vault's points are listed once they are all in, not redone as each vault arrives.
        s.pointsVault = nil
        s.deriveRows()
        #expect(s.pointRows.isEmpty)
        #expect(View.render(s).text.contains("Loading recovery points (37%)"))
        s.snapshot.pointsLoad = nil
        s.snapshot.loading = false
        s.deriveRows()
        #expect(s.pointRows.count == s.snapshot.state.pointCount)

        s.tab = .vaults
        s.deriveRows()
        #expect(!View.render(s).text.contains("Loading vaults"))
    }

    /// Points the source could not read are not "0": the list says "?" and the pane says why.
    @Test(arguments: [80, 200])
    func pointsThatCouldNotBeReadAreNotZero(width: Int) {
        var state = AccountState()
        state.apply(Fixture.records.filter {
            if case .recoveryPoint(let p) = $0 { return p.vaultName != "WORM_vault" }
            return true
        })
        let why = "the endpoint does not offer this operation (HTTP 404)"
        state.apply([.sync(SyncStatus(
            source: "aws", accountId: Fixture.account, region: Fixture.region, at: Fixture.now,
            degraded: ["ListRecoveryPointsByBackupVault on WORM_vault: \(why)"]))])
        var s = AppState(
            snapshot: AccountSnapshot(state: state, sourceName: "aws", generation: 1),
            now: Fixture.now, width: width, height: 24, identity: "tester@host")
        s.deriveRows()
        let rows = View.render(s).text.split(separator: "\n").map(String.init)
        let worm = rows.first { $0.contains("WORM_vault") && $0.contains("grace") } ?? ""
        #expect(worm.contains(" ? "), "\(worm)")
        let other = rows.first { $0.contains("central-backup-vault") && $0.contains("compliance") } ?? ""
        #expect(!other.contains(" ? "), "\(other)")
        s.selectedVault = Fixture.key("WORM_vault")
        let pane = View.render(s).text
        #expect(pane.contains("unknown: could not be read"), "\(pane)")
    }
}
