/// One cell to send to the terminal: what to draw at (x, y).
public struct CellChange: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

/// What must be sent so that a terminal showing one grid shows the next: the cells that differ,
/// in row order, and the ones a terminal clears by itself when a wide glyph is overwritten
/// (ratatui's `buffer/diff.rs`). A pure function, so the rules for wide glyphs and variation
/// selectors are tested without a terminal.
public enum GridDiff {
    /// Every cell to draw. With no previous grid, or one of another size, every cell is drawn
    /// (a full repaint: the first frame, a resize, Ctrl-L). Continuation cells are never sent:
    /// the wide glyph before them covers them.
    public static func changes(from previous: Grid?, to next: Grid) -> [CellChange] {
        var out: [CellChange] = []
        guard let previous, previous.width == next.width, previous.height == next.height else {
            out.reserveCapacity(next.width * next.height)
            for y in 0..<next.height {
                for x in 0..<next.width where !next[x, y].isContinuation { out.append(CellChange(x: x, y: y, cell: next[x, y])) }
            }
            return out
        }
        // A terminal blanks the other half of a wide glyph when either half is overwritten. That
        // needs no bookkeeping here: a continuation cell equals only another continuation, so
        // when a wide glyph goes, the cell that was its right half always differs and is sent.
        for y in 0..<next.height {
            for x in 0..<next.width {
                let cell = next[x, y]
                if cell.isContinuation || cell == previous[x, y] { continue }
                out.append(CellChange(x: x, y: y, cell: cell))
            }
        }
        return out
    }
}
