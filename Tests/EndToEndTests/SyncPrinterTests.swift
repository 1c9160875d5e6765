import Foundation
import Testing
import VaultCore

@testable import vaultwatch

/// What `vaultwatch sync` prints of the worker's snapshots.
struct SyncPrinterTests {
    @Test func onlyNoticesNotPrintedBeforeAreNewEvenWhenTheOldestWereDropped() {
        let a = Notice(.warning, "a"), b = Notice(.warning, "b"), c = Notice(.error, "c"), d = Notice(.info, "d")
        #expect(SyncPrinter.newNotices([a, b], after: []) == [a, b])
        #expect(SyncPrinter.newNotices([a, b, c], after: [a, b]) == [c])
        #expect(SyncPrinter.newNotices([a, b], after: [a, b]) == [])
        // The worker keeps the newest notices only: a and b fell off the front as c and d came.
        #expect(SyncPrinter.newNotices([c, d], after: [a, b, c]) == [d])
        #expect(SyncPrinter.newNotices([d], after: [a, b]) == [d])
    }

    @Test func oneLinePerOutcome() {
        let at = UTC.date(year: 2026, month: 11, day: 24, hour: 2, minute: 15, second: 1)
        let ok = SyncStatus(source: "demo", accountId: "111122223333", region: "us-east-1", at: at)
        #expect(SyncPrinter.line(ok, AccountState())
            == "2026-11-24T02:15:01Z demo 111122223333 us-east-1 ok: 0 vaults, 0 recovery points, 0 alerts (0 unacknowledged)")
        var failed = ok
        failed.error = "ExpiredToken \u{1B}[31m"
        #expect(SyncPrinter.line(failed, AccountState()).hasPrefix("2026-11-24T02:15:01Z demo 111122223333 us-east-1 failed: ExpiredToken "))
        #expect(!SyncPrinter.line(failed, AccountState()).contains("\u{1B}"))
    }
}
