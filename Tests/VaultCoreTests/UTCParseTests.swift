import Foundation
import Testing
import VaultCore

@Suite struct UTCParseTests {
    @Test(arguments: [
        ("2026-11-24T02:15:01Z", 1_795_486_501.0),
        ("2026-11-24T02:15:01.250Z", 1_795_486_501.25),
        ("2026-11-24T03:15:01+01:00", 1_795_486_501.0),
        ("2026-11-23T21:15:01-0500", 1_795_486_501.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func reads(_ text: String, _ seconds: Double) throws {
        let date = try #require(UTC.parseISO(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: [
        "", "2026-11-24", "2026-11-24T02:15:01", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-24T24:00:00Z",
        "2026-11-24T02:15:01.Z", "2026-11-24T02:15:01Zjunk", "yesterday", "2026-1-24T02:15:01Z",
    ])
    func refuses(_ text: String) {
        #expect(UTC.parseISO(text) == nil)
    }

    @Test func agreesWithFoundationOverAYearOfInstants() {
        let formatter = ISO8601DateFormatter()
        var seconds = 1_767_225_600  // 2026-01-01
        while seconds < 1_798_761_600 {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(UTC.parseISO(formatter.string(from: date)) == date)
            #expect(UTC.parseISO(UTC.iso(date)) == date)
            seconds += 86_399 + 3_607
        }
    }
}
