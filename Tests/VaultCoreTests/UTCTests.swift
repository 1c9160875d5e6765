import Foundation
import Testing
import VaultCore

@Suite struct UTCTests {
    /// A civil UTC instant as plain numbers (UTC.Parts has no public initializer).
    struct Civil: Sendable, Equatable, CustomTestStringConvertible {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        init(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) {
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        }

        init(_ p: UTC.Parts) { self.init(p.year, p.month, p.day, p.hour, p.minute, p.second) }

        var date: Date { UTC.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second) }
        var testDescription: String { "\(year)-\(month)-\(day) \(hour):\(minute):\(second)" }
    }

    /// 2026-11-25 10:12:38.089 UTC: fractions of a second are dropped, never rounded.
    let instant = Date(timeIntervalSince1970: 1_795_601_558.089)

    @Test func formats() {
        #expect(UTC.minute(instant) == "2026-11-25 10:12 UTC")
        #expect(UTC.second(instant) == "2026-11-25 10:12:38")
        #expect(UTC.timeOfDay(instant) == "10:12:38")
        #expect(UTC.day(instant) == "2026-11-25")
        #expect(UTC.iso(instant) == "2026-11-25T10:12:38Z")
    }

    @Test func lastFractionOfASecondIsNotRoundedUp() {
        let almost = UTC.date(year: 2023, month: 12, day: 31, hour: 23, minute: 59, second: 59) + 0.999
        #expect(UTC.iso(almost) == "2023-12-31T23:59:59Z")
        #expect(UTC.minute(almost) == "2023-12-31 23:59 UTC")
    }

    static let epochCases: [(Civil, TimeInterval)] = [
        (Civil(1970, 1, 1), 0),
        (Civil(2022, 1, 1, 20), 1_641_067_200),
        (Civil(2024, 2, 29, 23, 59, 59), 1_709_251_199),
        (Civil(2026, 11, 25, 10, 12, 38), 1_795_601_558),
    ]

    @Test(arguments: epochCases)
    func knownEpochSeconds(_ civil: Civil, _ epoch: TimeInterval) {
        #expect(civil.date.timeIntervalSince1970 == epoch)
        #expect(Civil(UTC.parts(Date(timeIntervalSince1970: epoch))) == civil)
    }

    @Test(arguments: [
        Civil(1970, 1, 1),
        Civil(2000, 2, 29, 12),
        Civil(2023, 12, 31, 23, 59, 59),
        Civil(2024, 1, 1),
        Civil(2024, 2, 29, 23, 59, 59),
        Civil(2024, 3, 1),
        Civil(2024, 12, 31, 12),
        Civil(2100, 2, 28, 23, 59, 59),
        Civil(2100, 3, 1),
    ])
    func roundTrip(_ civil: Civil) {
        #expect(Civil(UTC.parts(civil.date)) == civil)
    }

    @Test func yearBoundaryIsOneSecond() {
        let newYear = UTC.date(year: 2024, month: 1, day: 1)
        #expect(UTC.second(newYear - 1) == "2023-12-31 23:59:59")
        #expect(UTC.second(newYear) == "2024-01-01 00:00:00")
    }

    @Test func leapDayFollowsFebruary28OnlyInLeapYears() {
        #expect(UTC.day(UTC.date(year: 2024, month: 2, day: 28) + 86_400) == "2024-02-29")
        #expect(UTC.day(UTC.date(year: 2023, month: 2, day: 28) + 86_400) == "2023-03-01")
        #expect(UTC.day(UTC.date(year: 2100, month: 2, day: 28) + 86_400) == "2100-03-01")
        #expect(UTC.day(UTC.date(year: 2000, month: 2, day: 28) + 86_400) == "2000-02-29")
    }

    /// Every 7 hours 13 minutes from 1970 to 2101, against Foundation's Gregorian calendar in UTC.
    @Test func agreesWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let end = UTC.date(year: 2101, month: 1, day: 1).timeIntervalSince1970
        var t: TimeInterval = 0
        var mismatches: [Date] = []
        while t < end {
            let date = Date(timeIntervalSince1970: t)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = Civil(c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
            if Civil(UTC.parts(date)) != expected || expected.date != date { mismatches.append(date) }
            t += 7 * 3600 + 13 * 60
        }
        #expect(mismatches.isEmpty)
    }

    /// The minute written digit by digit is the one interpolation writes, over years of every
    /// width (and before 1970) and every hour and minute.
    @Test func minuteIsWhatInterpolationWrites() {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var mismatches: [String] = []
        var dates = [-62_135_596_800.0, -30_000_000_000, -1, 0, 59, 253_402_300_799, 253_402_300_800, 1_000_000_000_000]
        var t = -2_208_988_800.0
        while t < 4_102_444_800 {
            dates.append(t)
            t += 6 * 3600 + 7 * 60 + 13
        }
        for date in dates.map(Date.init(timeIntervalSince1970:)) {
            let p = UTC.parts(date)
            let expected = "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)) UTC"
            if UTC.minute(date) != expected { mismatches.append("\(UTC.minute(date)) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty)
    }
}
