import Foundation
import Testing
import VaultCore

@Suite struct CountdownTests {
    let deadline = Fixture.lockDate

    @Test func fractionOfASecondLeftRoundsUpToOne() {
        let c = Countdown(to: deadline, now: deadline - 0.2)
        #expect(c.secondsLeft == 1)
        #expect(!c.isOver)
        #expect(c.clock == "00:00:01")
    }

    @Test func exactlyAtDeadlineIsOver() {
        let c = Countdown(to: deadline, now: deadline)
        #expect(c.secondsLeft == 0)
        #expect(c.isOver)
        #expect(c.clock == "0s")
    }

    @Test func afterDeadlineStaysAtZero() {
        let c = Countdown(to: deadline, now: deadline + 90)
        #expect(c.secondsLeft == 0)
        #expect(c.isOver)
        #expect(c.clock == "0s")
    }

    static let leftCases: [(TimeInterval, Int)] = [(1, 1), (1.5, 2), (59.001, 60), (86_400, 86_400)]

    @Test(arguments: leftCases)
    func secondsLeft(_ left: TimeInterval, _ expected: Int) {
        #expect(Countdown(to: deadline, now: deadline - left).secondsLeft == expected)
    }

    @Test func clockFromAFixedClock() {
        let clock = FixedClock(deadline - (2 * 86_400 + 3 * 3600 + 12 * 60 + 44))
        #expect(Countdown(to: deadline, now: clock.now()).clock == "2d 03:12:44")
        #expect(clock.now() == clock.now())
    }

    @Test(arguments: [
        (-5, "0s"), (0, "0s"), (1, "00:00:01"), (59, "00:00:59"), (60, "00:01:00"), (3_600, "01:00:00"),
        (11_564, "03:12:44"), (86_399, "23:59:59"), (86_400, "1d 00:00:00"), (184_364, "2d 03:12:44"),
        (100 * 86_400, "100d 00:00:00"),
    ])
    func clockFormat(_ seconds: Int, _ text: String) {
        #expect(Countdown.clock(seconds: seconds) == text)
    }
}

@Suite struct ElapsedTests {
    let now = Fixture.now

    @Test(arguments: [
        (0, "0s"), (59, "59s"), (60, "1 min"), (3_599, "59 min"), (3_600, "1h"), (86_399, "23h"), (86_400, "1d"),
        (364 * 86_400, "364d"), (365 * 86_400, "1y"), (-90, "1 min"),
    ])
    func short(_ seconds: Int, _ text: String) {
        #expect(Elapsed.short(seconds: seconds) == text)
    }

    static let agoCases: [(TimeInterval, String)] = [
        (0, "just now"), (4.9, "just now"), (5, "5s ago"), (720, "12 min ago"), (7_200, "2h ago"),
        (3 * 86_400, "3d ago"), (-30, "in 30s"), (-6 * 86_400, "in 6d"),
    ]

    @Test(arguments: agoCases)
    func ago(_ secondsBefore: TimeInterval, _ text: String) {
        #expect(Elapsed.ago(now - secondsBefore, now: now) == text)
    }

    static let untilCases: [(TimeInterval, String)] = [
        (0.2, "in 1s"), (6 * 86_400, "in 6d"), (32.5 * 86_400, "in 32d"), (90, "in 1 min"), (-90, "1 min ago"),
        (-3 * 3600, "3h ago"),
    ]

    @Test(arguments: untilCases)
    func until(_ secondsAhead: TimeInterval, _ text: String) {
        #expect(Elapsed.until(now + secondsAhead, now: now) == text)
    }
}

@Suite struct SimulatedClockTests {
    final class Wall: Clock, @unchecked Sendable {
        var instant: Date
        init(_ d: Date) { instant = d }
        func now() -> Date { instant }
    }

    @Test func runsFasterThanTheWallAndOnlyEverResumesForward() {
        let wall = Wall(Date(timeIntervalSince1970: 1_000))
        let origin = UTC.date(year: 2026, month: 11, day: 23)
        let clock = SimulatedClock(origin: origin, speed: 3600, base: wall)
        wall.instant = wall.instant.addingTimeInterval(2)
        #expect(clock.now() == origin.addingTimeInterval(7200))
        clock.resume(from: origin)  // behind: ignored
        #expect(clock.now() == origin.addingTimeInterval(7200))
        let stored = origin.addingTimeInterval(86_400)
        clock.resume(from: stored)  // a store that ran ahead: continue from it
        #expect(clock.now() == stored)
        wall.instant = wall.instant.addingTimeInterval(1)
        #expect(clock.now() == stored.addingTimeInterval(3600))
    }
}
