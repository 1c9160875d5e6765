import Foundation
import Testing
import VaultCore

@Suite struct LifecycleTests {
    @Test(arguments: [
        (Lifecycle(deleteAfterDays: 1), "1 day"),
        (Lifecycle(deleteAfterDays: 35), "35 days"),
        (Lifecycle(), "kept forever"),
    ])
    func retentionText(_ lifecycle: Lifecycle, _ text: String) {
        #expect(lifecycle.retentionText == text)
    }

    @Test(arguments: [
        (Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 120), true, "The lifecycle is valid."),
        (
            Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 119), false,
            "DeleteAfterDays (119) must be at least 90 days after MoveToColdStorageAfterDays (30)."
        ),
        (
            Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 100), false,
            "DeleteAfterDays (100) must be at least 90 days after MoveToColdStorageAfterDays (30)."
        ),
        (Lifecycle(moveToColdStorageAfterDays: 30), true, "The lifecycle is valid."),
        (Lifecycle(deleteAfterDays: 1), true, "The lifecycle is valid."),
        (Lifecycle(), true, "The lifecycle is valid."),
        (Lifecycle(deleteAfterDays: 0), false, "DeleteAfterDays must be at least 1 (got 0)."),
        (
            Lifecycle(moveToColdStorageAfterDays: 0, deleteAfterDays: 120), false,
            "MoveToColdStorageAfterDays must be at least 1 (got 0)."
        ),
    ])
    func validity(_ lifecycle: Lifecycle, _ allowed: Bool, _ reason: String) {
        #expect(lifecycle.validity.isAllowed == allowed)
        #expect(lifecycle.validity.reason == reason)
        #expect(lifecycle.validity.word == (allowed ? "allowed" : "refused"))
    }

    @Test func calculatedLifecycleOfAPoint() {
        let created = UTC.date(year: 2024, month: 2, day: 28, hour: 6)
        let point = Fixture.point(
            created: created, lifecycle: Lifecycle(moveToColdStorageAfterDays: 1, deleteAfterDays: 91))
        #expect(point.moveToColdStorageAt == UTC.date(year: 2024, month: 2, day: 29, hour: 6))
        #expect(point.deleteAt == UTC.date(year: 2024, month: 5, day: 29, hour: 6))
        #expect(point.isExpired(at: UTC.date(year: 2024, month: 5, day: 29, hour: 6)))
        #expect(!point.isExpired(at: UTC.date(year: 2024, month: 5, day: 29, hour: 5, minute: 59, second: 59)))
    }

    @Test func pointKeptForeverNeverExpiresUnlessMarkedExpired() {
        let forever = Fixture.point(lifecycle: Lifecycle())
        #expect(forever.deleteAt == nil)
        #expect(!forever.isExpired(at: UTC.date(year: 2999, month: 1, day: 1)))
        #expect(Fixture.point(lifecycle: Lifecycle(), status: .expired).isExpired(at: Fixture.now))
    }
}
