import Foundation

/// Formats instants in UTC without DateFormatter (which is slow and not Sendable-friendly):
/// `2026-11-25 10:12 UTC`, `2026-11-25 10:12:38`, `2026-11-25T10:12:38Z`.
public enum UTC {
    public struct Parts: Equatable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    }

    public static func parts(_ date: Date) -> Parts {
        let total = Int(floor(date.timeIntervalSince1970))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Parts(
            year: year, month: month, day: day, hour: secs / 3600, minute: (secs % 3600) / 60,
            second: secs % 60)
    }

    /// Days since 1970-01-01 of a civil date (Hinnant's days_from_civil).
    public static func date(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0)
        -> Date
    {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2026-11-25 10:12 UTC`
    public static func minute(_ date: Date) -> String {
        let p = parts(date)
        // Written digit by digit into one string (a listing makes one or two per alert); a year
        // of other than four digits as interpolation writes it.
        guard (1000...9999).contains(p.year) else {
            return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)) UTC"
        }
        return String(unsafeUninitializedCapacity: 20) { out in
            func digits(_ n: Int, _ count: Int, at end: Int) {
                var n = n
                for k in stride(from: end - 1, through: end - count, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            digits(p.year, 4, at: 4)
            out[4] = UInt8(ascii: "-")
            digits(p.month, 2, at: 7)
            out[7] = UInt8(ascii: "-")
            digits(p.day, 2, at: 10)
            out[10] = UInt8(ascii: " ")
            digits(p.hour, 2, at: 13)
            out[13] = UInt8(ascii: ":")
            digits(p.minute, 2, at: 16)
            out[16] = UInt8(ascii: " ")
            out[17] = UInt8(ascii: "U")
            out[18] = UInt8(ascii: "T")
            out[19] = UInt8(ascii: "C")
            return 20
        }
    }

    /// `2026-11-25 10:12:38`
    public static func second(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    /// `10:12:38`
    public static func timeOfDay(_ date: Date) -> String {
        let p = parts(date)
        return "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    /// `2026-11-25`
    public static func day(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year)-\(two(p.month))-\(two(p.day))"
    }

    /// ISO 8601 with whole seconds: `2026-11-25T10:12:38Z`.
    public static func iso(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute)):\(two(p.second))Z"
    }
}
