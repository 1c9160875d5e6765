import Foundation
import Testing
import VaultCore

@testable import VaultSync

/// When a source is polled again: as asked after a good poll, later and later after failures.
@Suite struct PollScheduleTests {
    @Test func aGoodPollWaitsAsTheSourceAsked() {
        var schedule = PollSchedule()
        #expect(schedule.succeeded(asking: 60) == 60)
        #expect(schedule.succeeded(asking: -1) == 0)
        #expect(schedule.failures == 0)
    }

    @Test func transientFailuresDoubleFromOneSecondToAMinute() {
        var schedule = PollSchedule()
        let failure = SourceFailure(.network, "connection refused")
        let delays = (0..<9).map { _ in schedule.failed(failure) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        #expect(schedule.succeeded(asking: 5) == 5)
        #expect(schedule.failed(failure) == 1, "a success starts the backoff over")
    }

    @Test func failuresAPersonMustFixWaitLonger() {
        for kind in [SourceFailure.Kind.credentials, .accessDenied] {
            var schedule = PollSchedule()
            let delays = (0..<6).map { _ in schedule.failed(SourceFailure(kind, "x")) }
            #expect(delays == [30, 60, 120, 240, 300, 300])
        }
    }

    @Test func retryAfterIsHonouredButNeverShortensTheBackoffAndIsCapped() {
        var schedule = PollSchedule()
        #expect(schedule.failed(SourceFailure(.throttled, "slow down", retryAfter: 8)) == 8)
        #expect(schedule.failed(SourceFailure(.throttled, "slow down", retryAfter: 1)) == 2)
        #expect(schedule.failed(SourceFailure(.throttled, "slow down", retryAfter: 86_400)) == PollSchedule.longestRetryAfter)
        #expect(schedule.failed(SourceFailure(.throttled, "slow down", retryAfter: 0)) == 8)
    }
}
