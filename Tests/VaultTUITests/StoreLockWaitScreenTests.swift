import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// While the worker waits for a lock another process holds, the screen says who holds it (the
/// header on any tab, and the empty vault list before anything is read), and stops saying it once
/// the worker has the lock.
@Suite struct StoreLockWaitScreenTests {
    @Test(arguments: [80, 200])
    func theHolderIsNamedUntilTheLockIsTaken(width: Int) {
        let snapshot = AccountSnapshot(state: AccountState(), sourceName: "store", loading: true, generation: 1)
        var s = AppState(snapshot: snapshot, now: Fixture.now, width: width, height: 24, identity: "tester@host")
        let holder = "process 4242 (vaultwatch-sync)"
        _ = Update.apply(.storeLockWait(holder: holder), to: &s)
        var lines = View.render(s).text.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("store locked by \(holder)"), "\(lines[0])")
        #expect(lines.contains { $0.contains("Loading vaults… waiting for process 4242") }, "\(lines)")
        for tab in [Tab.recoveryPoints, .alerts, .guardrails] {
            s.tab = tab
            #expect(View.render(s).text.split(separator: "\n").first?.contains("store locked by") == true, "\(tab)")
        }

        _ = Update.apply(.storeLockWait(holder: nil), to: &s)
        s.tab = .vaults
        lines = View.render(s).text.split(separator: "\n").map(String.init)
        #expect(!lines[0].contains("locked"), "\(lines[0])")
        #expect(lines.contains { $0.contains("Loading vaults…") && !$0.contains("waiting") }, "\(lines)")
    }

    /// The holder's name comes from /proc (another process's): a hostile one is drawn inert.
    @Test func aHostileHolderNameIsInert() {
        let snapshot = AccountSnapshot(state: AccountState(), sourceName: "store", loading: true, generation: 1)
        var s = AppState(snapshot: snapshot, now: Fixture.now, width: 200, height: 24, identity: "tester@host")
        _ = Update.apply(.storeLockWait(holder: "process 7 (\u{1B}[2Jx\u{202E})"), to: &s)
        let text = View.render(s).text
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
    }
}
