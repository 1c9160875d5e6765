import Testing

@testable import VaultTUI

/// The acknowledge dialog's note is edited where the cursor is: ←/→, Home/End, Backspace, Delete.
@Suite struct LineEditorTests {
    @Test func keysEditAtTheCursor() {
        var line = LineEditor("checked OPS-1142", limit: 500)
        for _ in 0..<4 { _ = line.apply(.left) }
        #expect(line.cursor == 12)
        _ = line.apply(.backspace)  // the dash before "1142"
        _ = line.apply(.char(":"))
        _ = line.apply(.char(" "))
        #expect(line.text == "checked OPS: 1142")
        _ = line.apply(.home)
        _ = line.apply(.delete)
        _ = line.apply(.char("C"))
        #expect(line.text == "Checked OPS: 1142")
        _ = line.apply(.end)
        _ = line.apply(.right)
        #expect(line.cursor == line.text.count)
        let edited = line.apply(.up)
        #expect(!edited, "not an editing key")
        _ = line.apply(.ctrl("u"))
        #expect(line.text.isEmpty && line.cursor == 0)
    }

    @Test func whatIsPastedGoesInAtTheCursorUpToTheLimitAndNothingItMayNotHold() {
        var line = LineEditor("ab", limit: 6)
        _ = line.apply(.left)
        line.insert("X\u{202E}Y\u{0007}ZZZZ")
        #expect(line.text == "aXYZZb", "bidi and control characters kept out, cut at the limit")
        #expect(line.cursor == 5)
    }

    @Test func theDialogDrawsTheCursorWhereItIsAndNeverLosesIt() {
        var s = Fixture.app()
        FirstUserFixture.keys(&s, [.char("3"), .char("a")] + FirstUserFixture.type("checked with alice") + Array(repeating: .left, count: 5))
        let line = View.render(s).text.split(separator: "\n").first { $0.contains("▏") }.map(String.init) ?? ""
        #expect(line.contains("checked with ▏alice"), "\(line)")
        // A note longer than the field: the cursor at its start is still on screen.
        FirstUserFixture.keys(&s, FirstUserFixture.type(String(repeating: "x", count: 120)) + [.home])
        let start = View.render(s).text.split(separator: "\n").first { $0.contains("▏") }.map(String.init) ?? ""
        #expect(start.contains("▏checked with"), "\(start)")
    }
}
