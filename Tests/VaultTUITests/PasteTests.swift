import Testing

@testable import VaultTUI

/// Bracketed paste: pasted text arrives as one input and lands in the open field as one line.
@Suite struct PasteTests {
    typealias Input = TerminalInput

    static func chars(_ s: String) -> [Input] { s.map { .key(.char($0)) } }
    static func pasted(_ body: [Input]) -> [Input] {
        [.key(.escape)] + chars("[200~") + body + [.key(.escape)] + chars("[201~")
    }

    @Test func aPasteWithNewlinesIsOneInput() {
        var decoder = PasteDecoder()
        let out = decoder.feed(Self.pasted(Self.chars("OPS-1") + [.key(.enter)] + Self.chars("two")))
        #expect(out == [.paste("OPS-1\ntwo")])
    }

    @Test func aPasteSplitAcrossReadsIsStillOne() {
        var decoder = PasteDecoder()
        let all = Self.pasted(Self.chars("abc"))
        #expect(decoder.feed(Array(all.prefix(4))) == [])
        #expect(decoder.feed(Array(all.dropFirst(4).prefix(5))) == [])
        #expect(decoder.feed(Array(all.dropFirst(9))) == [.paste("abc")])
    }

    @Test func escapeAndKeysOutsideAPasteAreUntouched() {
        var decoder = PasteDecoder()
        #expect(decoder.feed([.key(.escape)]) == [.key(.escape)], "a lone Esc at the end of a read is a key")
        #expect(decoder.feed([.key(.escape)] + Self.chars("[2q")) == [.key(.escape)] + Self.chars("[2q"))
        #expect(decoder.feed([.key(.down), .resize]) == [.key(.down), .resize])
    }

    @Test func aPasteThatNeverEndsGivesTheKeyboardBack() {
        var decoder = PasteDecoder()
        let start: [Input] = [.key(.escape)] + Self.chars("[200~")
        let out = decoder.feed(start + Array(repeating: .key(.char("x")), count: PasteDecoder.limit) + [.key(.char("q"))])
        #expect(out == [.paste(String(repeating: "x", count: PasteDecoder.limit)), .key(.char("q"))])
    }

    @Test func anEscapeInsideAPasteThatIsNotTheEndIsText() {
        var decoder = PasteDecoder()
        let out = decoder.feed(Self.pasted([.key(.escape)] + Self.chars("[1mx")))
        #expect(out == [.paste("[1mx")])
    }

    @Test func aPastedNoteIsTypedNotSubmitted() {
        var s = Fixture.app()
        for k: Key in [.char("3"), .char("a")] { _ = Update.apply(.key(k), to: &s) }
        let effects = Update.apply(.paste("checked\nwith alice\tOPS-1\u{7}\u{202E}\u{200B}\u{85} 👩‍👩‍👧"), to: &s)
        #expect(effects.isEmpty)
        guard case .acknowledge(let draft) = s.overlay else {
            Issue.record("the dialog stays open")
            return
        }
        #expect(draft.note == "checked with alice OPS-1  👩‍👩‍👧", "controls, bidi and zero-width marks stay out of the record")
    }

    @Test func aPasteIntoTheFilterFilters() {
        var s = Fixture.app()
        for k: Key in [.char("2"), .char("/")] { _ = Update.apply(.key(k), to: &s) }
        _ = Update.apply(.paste("worm\n"), to: &s)
        #expect(s.filter == .editing("worm "))
        _ = Update.apply(.paste("ignored"), to: &s)
        #expect(s.filter == .editing("worm ignored"))
    }

    @Test func aPasteWithNoFieldOpenDoesNothing() {
        var s = Fixture.app()
        let before = s.tab
        #expect(Update.apply(.paste("q3"), to: &s).isEmpty)
        #expect(s.tab == before)
    }
}

/// The paste's running count, against `String.count` (it stood in for a count of every character
/// at every character, which made a 16 KiB paste quadratic).
@Suite("Paste length")
struct PasteLengthTests {
    static func paste(_ text: String) -> [TerminalInput] {
        var decoder = PasteDecoder()
        let chars = Array("[200~") + Array(text) + [Character("\u{1B}")] + Array("[201~")
        return decoder.feed([.key(.escape)] + chars.map { $0 == "\u{1B}" ? .key(.escape) : .key(.char($0)) })
    }

    @Test("a paste at the limit ends there, counted in characters however they join")
    func limit() {
        let pieces = ["a", "e\u{301}", "🇪", "🇺", "👩\u{200D}", "💻", "中"]
        // Flags pair up, so a piece is a character or half of one: more than enough pieces.
        let text = (0..<(2 * PasteDecoder.limit)).map { pieces[$0 % pieces.count] }.joined()
        let out = Self.paste(text)
        guard case .paste(let first) = out.first else {
            Issue.record("no paste: \(out.prefix(3))")
            return
        }
        #expect(first.count == PasteDecoder.limit)
        #expect(text.unicodeScalars.starts(with: first.unicodeScalars))
    }
}
