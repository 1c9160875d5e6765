import Foundation
import VaultTUI

/// Plain text tables for people: columns padded by display width; control characters in
/// values from outside are made visible, never sent to the terminal raw.
///
/// Filled cell by cell, row by row: each cell is made inert, capped and measured as it comes, and
/// its text kept in one run of bytes (no array of strings per row: a listing of 15,000 alerts
/// would make 150,000 of them to print once).
struct TextTable {
    /// The widest a column gets; longer values end in "… (N more characters)" (`--json` has them whole).
    static let columnLimit = 60

    /// Every cell's text, made inert (a value's capped), one after another.
    private var text: [UInt8] = []
    /// Where each cell's text ends in `text`, and its width in terminal columns.
    private var cells: [(end: Int, width: Int)] = []
    /// Where each row's cells end in `cells` (the header is the first row).
    private var rowEnds: [Int] = []
    /// Each column's width: its widest cell.
    private var widths: [Int]

    init(header: [String]) {
        widths = [Int](repeating: 0, count: header.count)
        for title in header { add(title, capped: false) }
        endRow()
    }

    /// Room for `rows` rows of about `bytesPerRow` bytes, so a long listing is not copied as it grows.
    mutating func reserve(rows: Int, bytesPerRow: Int) {
        text.reserveCapacity(text.count + rows * bytesPerRow)
        cells.reserveCapacity(cells.count + rows * widths.count)
        rowEnds.reserveCapacity(rowEnds.count + rows)
    }

    /// Adds a value from outside (made inert and capped) to the row being filled.
    mutating func add(_ value: String) { add(value, capped: true) }

    /// Ends the row being filled (one of no more cells than the header has).
    mutating func endRow() { rowEnds.append(cells.count) }

    /// Adds `row` whole.
    mutating func add(row: [String]) {
        for value in row { add(value) }
        endRow()
    }

    /// The cell made inert (and, for a value, `capped`), and measured; printable ASCII within the
    /// limit, nearly every cell, as it is, from the string's own bytes.
    private mutating func add(_ raw: String, capped: Bool) {
        let column = cells.count - (rowEnds.last ?? 0)
        // Nil when the string's bytes are not at hand, or are not plain.
        let plain = raw.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard !capped || bytes.count <= Self.columnLimit, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            text.append(contentsOf: bytes)
            return bytes.count
        } ?? nil
        let width: Int
        if let plain {
            width = plain
        } else {
            var made = capped ? Self.capped(Self.sanitize(raw)) : Self.sanitize(raw)
            made.withUTF8 { text.append(contentsOf: $0) }
            width = DisplayWidth.of(made)
        }
        cells.append((text.count, width))
        widths[column] = max(widths[column], width)
    }

    /// Writes the table to standard output, a piece at a time.
    func print() {
        render { bytes in
            guard let base = bytes.baseAddress else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    /// The table's text whole.
    func rendered() -> [UInt8] {
        var all: [UInt8] = []
        render { all.append(contentsOf: $0) }
        return all
    }

    /// How much of the table's text `render` hands over at a time.
    static let pieceSize = 64 * 1024
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    /// The table's text, each cell but a row's last padded to its column's width, a newline after
    /// each row: handed to `write` in pieces of about `pieceSize` bytes (whole rows), so a listing
    /// of 15,000 alerts is not held a second time to be printed.
    func render(_ write: (UnsafeRawBufferPointer) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.pieceSize + widths.reduce(0, +) + 2 * widths.count + 1)
        var cell = 0
        var start = 0
        for rowEnd in rowEnds {
            var column = 0
            while cell < rowEnd {
                let end = cells[cell].end
                out.append(contentsOf: text[start..<end])
                start = end
                if cell < rowEnd - 1 {
                    var padding = widths[column] - cells[cell].width + 2
                    while padding > 0 {
                        let run = min(padding, Self.spaces.count)
                        out.append(contentsOf: Self.spaces[..<run])
                        padding -= run
                    }
                }
                cell += 1
                column += 1
            }
            out.append(UInt8(ascii: "\n"))
            if out.count >= Self.pieceSize {
                out.withUnsafeBytes(write)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { out.withUnsafeBytes(write) }
    }

    static func print(header: [String], rows: [[String]]) {
        var table = TextTable(header: header)
        for row in rows { table.add(row: row) }
        table.print()
    }

    /// `text`, or its first characters and how many more there are, within `columnLimit` columns.
    static func capped(_ text: String) -> String {
        guard DisplayWidth.of(String(text.prefix(columnLimit + 1))) > columnLimit || text.count > columnLimit else { return text }
        let more = text.count
        var head = ""
        var width = 0
        let suffixRoom = 28
        for c in text {
            let w = DisplayWidth.of(c)
            if width + w > columnLimit - suffixRoom { break }
            head.append(c)
            width += w
        }
        return head + "… (\(more - head.count) more characters)"
    }

    /// The same treatment the dashboard gives outside text (VaultTUI's InertText).
    static func sanitize(_ s: String) -> String { InertText.make(s) }
}
