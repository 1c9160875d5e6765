import Foundation
import Testing
import VaultCore

@testable import vaultwatch

/// `alerts --json` written directly is byte for byte what `JSONEncoder` writes for the same rows
/// (keys, order, indentation, escapes, absent optionals, dates).
@Suite struct AlertRowsJSONTests {
    /// Texts a store may hold from outside: escapes of every kind, controls, bidi, non-ASCII.
    static let texts = [
        "", "plain", "a/b", "quote \" and back\\slash", "tab\tnew\nline\rreturn", "\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F}",
        "\u{1B}[31mred", "é ü ß", "emoji 🙂 and 家", "bidi \u{202E}evil\u{202C}", "zero\u{200B}width", "\u{2028}\u{2029}",
        "arn:aws:iam::111122223333:role/DevOps", String(repeating: "long ", count: 40),
    ]

    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func text() -> String { Self.texts[next(Self.texts.count)] }
        mutating func maybe() -> String? { next(3) == 0 ? nil : text() }
        static let texts = AlertRowsJSONTests.texts
    }

    static func row(_ r: inout Random) -> Alerts.Row {
        let date = Date(timeIntervalSince1970: TimeInterval(r.next(4_000_000_000)) - 1_000_000_000 + 0.25)
        return Alerts.Row(
            id: r.text(), time: date, severity: r.text(), severityReasons: (0..<r.next(4)).map { _ in r.text() },
            looksLikeAdmin: r.maybe(), action: r.text(), principal: r.text(), principalArn: r.text(), judgedArn: r.text(),
            vault: r.maybe(), accountId: r.text(), region: r.text(), recoveryPointArn: r.maybe(), outcome: r.text(),
            errorMessage: r.maybe(), sourceIPAddress: r.maybe(), acknowledged: r.next(2) == 0,
            acknowledgement: r.next(2) == 0 ? nil : Alerts.Row.AckRow(id: r.text(), by: r.text(), at: date + 90, note: r.maybe()))
    }

    @Test func writesWhatTheEncoderWrites() throws {
        var r = Random(state: 5)
        for count in [0, 1, 2, 7, 300] {
            let rows = (0..<count).map { _ in Self.row(&r) }
            let encoded = try JSONOutput.encoder().encode(rows)
            let written = Data(AlertRowsJSON.bytes(of: rows))
            #expect(written == encoded, "\(String(decoding: written.prefix(400), as: UTF8.self))")
            #expect(JSONInert.escape(written) == JSONInert.escape(encoded))
        }
    }
}
