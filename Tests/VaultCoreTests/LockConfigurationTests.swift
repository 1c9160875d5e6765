import Foundation
import Testing
import VaultCore

@Suite struct LockConfigurationTests {
    @Test func factsFileExampleThirtyDaysFromJanuaryFirstEightPM() {
        let call = UTC.date(year: 2022, month: 1, day: 1, hour: 20)
        let lock = LockConfiguration.requested(minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 30, at: call)
        #expect(lock.lockDate == UTC.date(year: 2022, month: 1, day: 31, hour: 20))
        #expect(lock.minRetentionDays == 7)
        #expect(lock.maxRetentionDays == 30)
    }

    @Test func threeChangeableDaysIsExactlyThreeTimes86400Seconds() throws {
        let call = UTC.date(year: 2021, month: 9, day: 28, hour: 17, minute: 12, second: 38) + 0.089
        let lock = LockConfiguration.requested(minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3, at: call)
        let lockDate = try #require(lock.lockDate)
        #expect(lockDate.timeIntervalSince(call) == 259_200)
        #expect(UTC.second(lockDate) == "2021-10-01 17:12:38")
    }

    @Test func withoutChangeableForDaysThereIsNoLockDate() {
        let lock = LockConfiguration.requested(
            minRetentionDays: 5, maxRetentionDays: nil, changeableForDays: nil, at: Fixture.now)
        #expect(lock == LockConfiguration(minRetentionDays: 5))
        #expect(LockState(lock, now: Fixture.now) == .governance)
    }

    @Test func ranges() {
        #expect(LockConfiguration.changeableForDaysRange == 3...36_500)
        #expect(LockConfiguration.retentionDaysRange == 1...36_500)
    }

    @Test(arguments: [
        (LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30), "7–30 days"),
        (LockConfiguration(minRetentionDays: 5), "at least 5 days"),
        (LockConfiguration(maxRetentionDays: 30), "at most 30 days"),
        (LockConfiguration(), "any retention"),
    ])
    func retentionWindow(_ lock: LockConfiguration, _ text: String) {
        #expect(lock.retentionWindow == text)
    }
}
