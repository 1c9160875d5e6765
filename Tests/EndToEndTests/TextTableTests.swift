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
}
