import Foundation

/// The SigV4 timestamp `YYYYMMDD'T'HHMMSS'Z'` (UTC), written and read without a formatter so that
/// it is thread-safe and locale-free. Fractions of a second are dropped, as botocore's `strftime` does.
public enum AmzDate {
    public static func format(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Parses `YYYYMMDD'T'HHMMSS'Z'`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for c in chars[from..<(from + count)] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2), let hour = number(9, 2),
            let minute = number(11, 2), let second = number(13, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        return Timestamp.utc(year: year, month: month, day: day, hour: hour, minute: minute, second: Double(second))
    }
}

/// ISO 8601 and epoch timestamps as AWS writes them (`2026-01-02T03:04:05Z`, with or without
/// fractions or an offset; epoch seconds or milliseconds), read without a shared formatter.
public enum Timestamp {
    /// Seconds since 1970 for a UTC calendar time (days from civil, Howard Hinnant's algorithm).
    public static func utc(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double) -> Date {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Date(timeIntervalSince1970: Double(days * 86400 + hour * 3600 + minute * 60) + second)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)`; nil otherwise.
    public static func parseISO8601(_ text: String) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard s.count >= 19, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
            s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t") || s[10] == UInt8(ascii: " "),
            s[13] == UInt8(ascii: ":"), s[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for c in s[range] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                fraction += Double(s[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < s.count {
            switch s[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                let digits = s[(i + 1)...].filter { $0 != UInt8(ascii: ":") }
                guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                let values = digits.map { Int($0 - 48) }
                offset = sign * ((values[0] * 10 + values[1]) * 3600 + (values[2] * 10 + values[3]) * 60)
                i = s.count
            default:
                return nil
            }
        }
        guard i == s.count else { return nil }
        let date = utc(year: year, month: month, day: day, hour: hour, minute: minute, second: Double(second) + fraction)
        return date.addingTimeInterval(TimeInterval(-offset))
    }

    /// `2026-01-02T03:04:05Z` for `date` (UTC, whole seconds).
    public static func iso8601(_ date: Date) -> String {
        let amz = AmzDate.format(date)
        let c = Array(amz)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
    }
}
