import Testing
import VaultTUI

@testable import vaultwatch

/// The tables people read: columns line up by display width, values from outside are made inert
/// and capped, and a row's last cell is not padded.
@Suite struct TextTableTests {
    @Test func columnsLineUpAndValuesAreInert() {
        let notes = ["x", "\u{1B}[31mred\u{07}", "é\u{202E}txt", "NOTE"]
        var table = TextTable(header: ["ID", "NAME", "NOTE"])
        table.add(row: ["1", "plain", notes[0]])
        table.add(row: ["22", "家族", notes[1]])
        table.add(row: ["333", String(repeating: "a", count: 80), notes[2]])
        table.add(row: ["4"])
        let lines = String(decoding: table.rendered(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6 && lines.last == "")
        #expect(!lines.joined().contains("\u{1B}") && !lines.joined().contains("\u{202E}") && !lines.joined().contains("\u{07}"))
        // The capped name: 32 of its 80 characters and how many more; the widest NAME, so NOTE
        // starts after 3 + 2 + its width + 2 columns on every full row.
        let capped = String(repeating: "a", count: 32) + "… (48 more characters)"
        #expect(lines[3].contains(capped) && DisplayWidth.of(capped) > 40)
        for (line, note) in zip([lines[0]] + lines[1...3], [notes[3]] + notes[0...2]) {
            #expect(DisplayWidth.of(String(line)) - DisplayWidth.of(TextTable.sanitize(note)) == 7 + DisplayWidth.of(capped), "\(line)")
            #expect(line.hasSuffix(TextTable.sanitize(note)))
        }
        #expect(lines[4] == "4")
    }

    /// A long table is handed over in pieces of whole rows, each about `pieceSize` bytes, that
    /// together are the table; a capped cell of wide characters lines up as the others do.
    @Test func aLongTableComesInPiecesOfWholeRows() {
        var table = TextTable(header: ["ID", "NAME"])
        for i in 0..<5_000 { table.add(row: ["\(i)", String(repeating: "n", count: i % 50)]) }
        var pieces: [[UInt8]] = []
        table.render { pieces.append(Array($0)) }
        #expect(pieces.count > 2)
        #expect(pieces.allSatisfy { $0.last == UInt8(ascii: "\n") })
        #expect(pieces.dropLast().allSatisfy { $0.count >= TextTable.pieceSize && $0.count < TextTable.pieceSize + 200 })
        let lines = String(decoding: pieces.flatMap { $0 }, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 5_001)
        #expect(lines[1] == "0     " && lines[5_000] == "4999  " + String(repeating: "n", count: 4_999 % 50))

        var wide = TextTable(header: ["A", "B"])
        wide.add(row: [String(repeating: "界", count: 200), "x"])
        wide.add(row: ["y", "z"])
        let text = String(decoding: wide.rendered(), as: UTF8.self).split(separator: "\n")
        #expect(DisplayWidth.of(String(text[1])) == DisplayWidth.of(String(text[2])))
    }
}
