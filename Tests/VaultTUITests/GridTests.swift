import Testing

@testable import VaultTUI

@Suite struct GridTests {
    @Test func wideCharactersTakeTwoCellsAndTruncateByColumns() {
        var g = Grid(width: 10, height: 1)
        let used = g.write("顧客DB-share", x: 0, y: 0)
        #expect(used == 10)
        #expect(g.line(0) == "顧客DB-sh…")
        #expect(g[0, 0].width == 2 && g[1, 0].isContinuation)
    }

    @Test func aWideCharacterNeverStraddlesTheRightEdge() {
        var g = Grid(width: 5, height: 1)
        g.write("abcd世", x: 0, y: 0, ellipsis: false)
        #expect(g.line(0) == "abcd ")
        #expect(g[4, 0].width == 1)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = Grid(width: 6, height: 1)
        g.write("世界", x: 0, y: 0)
        g.write("x", x: 1, y: 0)
        #expect(g.line(0) == " x界  ")
        #expect(g[0, 0].width == 1 && g[1, 0].width == 1)
    }

    @Test(arguments: [
        ("evil\u{1B}[31mred", "evil\u{FFFD}[31mred"),
        ("bell\u{07}", "bell\u{FFFD}"),
        ("csi\u{9B}2J", "csi\u{FFFD}2J"),
        ("txt\u{202E}exe.pdf", "txt\u{FFFD}exe.pdf"),
        ("iso\u{2066}late\u{2069}", "iso\u{FFFD}late\u{FFFD}"),
        ("zero\u{200B}width", "zero\u{FFFD}width"),
        ("two\nlines\ttab", "two lines tab"),
        ("café ✓", "café ✓"),
        ("👩‍👩‍👧 family", "👩‍👩‍👧 family"),
    ])
    func hostileStringsAreMadeInert(input: String, expected: String) {
        #expect(InertText.make(input) == expected)
        var g = Grid(width: 30, height: 1)
        g.write(input, x: 0, y: 0)
        let drawn = g.cells.map(\.grapheme).joined()
        #expect(!drawn.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        #expect(!drawn.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test(arguments: [
        ("a", 1), ("世", 2), ("é", 1), ("e\u{301}", 1), ("🌍", 2), ("❤️", 2), ("✓", 1), ("🇫🇷", 2), ("ｱ", 1), ("Ａ", 2),
    ])
    func displayWidth(grapheme: String, width: Int) {
        #expect(DisplayWidth.of(Character(grapheme)) == width)
    }

    @Test func paddedRightAlignment() {
        var g = Grid(width: 8, height: 1)
        g.write(padded: "42", x: 0, y: 0, width: 6, role: .normal, alignRight: true)
        #expect(g.line(0) == "    42  ")
    }

    @Test func wordWrapByDisplayWidth() {
        #expect(Prose.wrap("Nobody, not even root, can delete it", width: 14) == ["Nobody, not", "even root, can", "delete it"])
        #expect(Prose.wrap("arn:aws:backup:us-east-1", width: 10) == ["arn:aws:", "backup:", "us-east-1"])
        #expect(Prose.wrap("顧客 顧客顧客顧", width: 5) == ["顧客", "顧客", "顧客", "顧"])
    }
}
