import Foundation
import VaultCore

/// Dates as the store writes them: ISO 8601 in UTC with milliseconds, `2026-11-25T10:12:38.089Z`.
/// Reading also accepts whole seconds, any number of fraction digits, a `±HH:MM` offset, and
/// numeric seconds since 1970, so hand-written or older lines still load.
enum StoreDate {
    struct OutOfRange: Error, CustomStringConvertible {
        let date: Date
        var description: String { "the date \(date.timeIntervalSince1970)s since 1970 is outside years 0000–9999" }
    }

    static func text(_ date: Date) throws -> String {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        // Years 0000 and 9999 bound what four year digits can say.
        guard ms >= -62_167_219_200_000, ms < 253_402_300_800_000 else { throw OutOfRange(date: date) }
        let total = Int64(ms)
        let seconds = total >= 0 ? total / 1000 : (total - 999) / 1000
        let milli = Int(total - seconds * 1000)
        let p = UTC.parts(Date(timeIntervalSince1970: TimeInterval(seconds)))
        return pad(p.year, 4) + "-" + pad(p.month, 2) + "-" + pad(p.day, 2) + "T" + pad(p.hour, 2) + ":"
            + pad(p.minute, 2) + ":" + pad(p.second, 2) + "." + pad(milli, 3) + "Z"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil when it is anything else.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// `parse` over the UTF-8 bytes of the text, for a loader that reads lines itself.
    static func parse(_ b: UnsafeRawBufferPointer) -> Date? {
        if let date = parseWritten(b) { return date }
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                n = n * 10 + Int(b[k] - 0x30)
            }
            i += digits
            return n
        }
        func expect(_ options: StaticString) -> Bool {
            guard i < b.count else { return false }
            for k in 0..<options.utf8CodeUnitCount where options.utf8Start[k] == b[i] {
                i += 1
                return true
            }
            return false
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var fraction = i..<i
        if expect(".,") {
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            fraction = start..<i
            guard !fraction.isEmpty else { return nil }
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(2), oh < 24 else { return nil }
            _ = expect(":")
            guard let om = number(2), om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let whole = Int64(UTC.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            .timeIntervalSince1970) - Int64(offset)
        if fraction.count <= 3 {
            // Milliseconds exactly as `text` wrote them, so a date round-trips to the same value.
            var ms: Int64 = 0
            for k in 0..<3 { ms = ms * 10 + (k < fraction.count ? Int64(b[fraction.lowerBound + k] - 0x30) : 0) }
            return Date(timeIntervalSince1970: TimeInterval(whole * 1000 + ms) / 1000)
        }
        let part = Double("0." + String(decoding: UnsafeRawBufferPointer(rebasing: b[fraction]), as: UTF8.self)) ?? 0
        return Date(timeIntervalSince1970: TimeInterval(whole) + part)
    }

    /// The form `text` writes (`2026-11-25T10:12:38.089Z`, 24 bytes), read by position: the
    /// same checks and the same arithmetic as `parse`, for the loaders' hot path. Nil for any
    /// other form, which `parse` then reads the general way.
    private static func parseWritten(_ b: UnsafeRawBufferPointer) -> Date? {
        guard b.count == 24 else { return nil }
        var days = DayCache()
        return parseWritten(b.baseAddress!, days: &days)
    }

    /// The day of the last date read (its ten bytes `YYYY-MM-DD`, and their day number): the
    /// dates of a points file come a day at a time, so most are read without the calendar.
    struct DayCache {
        fileprivate var text: (UInt64, UInt16) = (0, 0)
        fileprivate var days: Int64 = 0
    }

    /// The 24 bytes at `b` in the written form (the caller knows they are there); nil when they
    /// are not that form, or not a date.
    @inline(__always)
    static func parseWritten(_ b: UnsafeRawPointer, days cache: inout DayCache) -> Date? {
        func byte(_ k: Int) -> UInt8 { b.load(fromByteOffset: k, as: UInt8.self) }
        guard byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"), byte(10) == UInt8(ascii: "T"),
            byte(13) == UInt8(ascii: ":"), byte(16) == UInt8(ascii: ":"), byte(19) == UInt8(ascii: "."),
            byte(23) == UInt8(ascii: "Z")
        else { return nil }
        var bad = false
        func digits(_ at: Int, _ count: Int) -> Int {
            var n = 0
            for k in at..<(at + count) {
                let d = byte(k) &- 0x30
                if d > 9 { bad = true }
                n = n * 10 + Int(d)
            }
            return n
        }
        let hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2), ms = Int64(digits(20, 3))
        guard !bad, hour < 24, minute < 60, second < 61 else { return nil }
        let text = (b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if text != cache.text {
            let year = digits(0, 4), month = digits(5, 2), day = digits(8, 2)
            guard !bad, (1...12).contains(month), (1...31).contains(day) else { return nil }
            cache.text = text
            cache.days = Int64(UTC.date(year: year, month: month, day: day).timeIntervalSince1970) / 86_400
        }
        let whole = cache.days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(whole * 1000 + ms) / 1000)
    }

    static func encode(_ date: Date, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text(date))
    }

    static func decode(from decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 date: \(Quoted(text))")
            }
            return date
        }
        if let seconds = try? container.decode(Double.self), seconds.isFinite {
            return Date(timeIntervalSince1970: seconds)
        }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "expected an ISO 8601 date or seconds since 1970")
    }
}
