/// A column of a list: a title, a minimum width, how wide its content may make it, and whether
/// it may be dropped when the terminal is narrow.
struct Column {
    var title: String
    /// The narrowest it is drawn (its content is cut with "…" below what it needs).
    var width: Int
    /// Columns with `flex > 0` grow to their content, shrink first when the row is too long, and
    /// share what is left when their content is still cut.
    var flex: Int = 0
    var alignRight = false
    /// Lower numbers are dropped first when the row does not fit; the sorted column never is.
    /// Below 5 a column is optional: it goes before a flexible column is cut.
    var priority = 9
    /// The widest its content makes it (flexible columns only).
    var maxWidth = 64
}

/// Lays out and draws a table: header row, then only the visible window of rows (lists are
/// virtualised; a million rows cost the same to draw as ten). Columns are as wide as what the
/// visible rows hold, so a wide screen shows whole names rather than padding.
struct Table {
    var columns: [Column]

    /// The account and region a row is in, shown when the store spans several.
    static let whereColumn = Column(title: "ACCOUNT · REGION", width: 22, priority: 7)

    /// This table with `column` inserted at `index` when `shown`, and a map from a drawn column's
    /// index to the original table's (nil for the inserted column).
    func inserting(_ column: Column, at index: Int, when shown: Bool) -> (table: Table, original: (Int) -> Int?) {
        guard shown else { return (self, { $0 }) }
        var columns = self.columns
        columns.insert(column, at: index)
        return (Table(columns: columns), { $0 == index ? nil : ($0 > index ? $0 - 1 : $0) })
    }

    /// `444455556666 eu-west-1`
    static func whereText(accountId: String, region: String) -> String {
        [accountId, region].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The title as drawn: the sorted column carries ▲ or ▼.
    func title(_ c: Int, sort: SortOrder?) -> String {
        columns[c].title + (sort?.column == columns[c].title ? " \(sort!.arrow)" : "")
    }

    /// What each column's content wants: its widest visible cell or its title, within its bounds.
    func desired(natural: [Int], sort: SortOrder?) -> [Int] {
        columns.indices.map { c in
            let title = DisplayWidth.of(self.title(c, sort: sort))
            let content = max(natural.indices.contains(c) ? natural[c] : 0, title)
            let column = columns[c]
            return column.flex > 0 ? max(column.width, min(content, column.maxWidth)) : max(column.width, title)
        }
    }

    /// Which columns are shown at `width`, and how wide each is. A gap of one column separates them.
    /// Flexible columns shrink to their minimum before any column is dropped (lowest priority
    /// first, never the sorted one); left-over width goes to columns whose content is still cut.
    func layout(width: Int, natural: [Int] = [], sort: SortOrder? = nil) -> [(index: Int, width: Int)] {
        let wanted = desired(natural: natural, sort: sort)
        var widths = wanted
        var shown = Array(columns.indices)
        func needed() -> Int { shown.reduce(0) { $0 + widths[$1] } + max(shown.count - 1, 0) + 1 }
        func priority(_ c: Int) -> Int { sort?.column == columns[c].title ? 99 : columns[c].priority }
        // Optional columns (priority below 5) go before any name is cut; then flexible columns
        // shrink to their minimum; then columns are dropped by priority.
        while needed() > width, shown.count > 1, let drop = shown.filter({ priority($0) < 5 }).min(by: { priority($0) < priority($1) }) {
            shown.removeAll { $0 == drop }
        }
        while needed() > width {
            let shrinkable = shown.filter { widths[$0] > columns[$0].width }
            if let c = shrinkable.max(by: { widths[$0] - columns[$0].width < widths[$1] - columns[$1].width }) {
                widths[c] -= 1
            } else if shown.count > 1 {
                let drop = shown.min { priority($0) < priority($1) }!
                shown.removeAll { $0 == drop }
            } else {
                break
            }
        }
        var spare = width - needed()
        if spare > 0 {
            // Natural content wider than the bounds allowed (a long reason) takes what is left.
            let cut = shown.filter { columns[$0].flex > 0 && (natural.indices.contains($0) ? natural[$0] : 0) > widths[$0] }
            let flexTotal = cut.reduce(0) { $0 + columns[$1].flex }
            if flexTotal > 0 {
                let share = spare
                for c in cut {
                    let want = (natural[c]) - widths[c]
                    let add = min(share * columns[c].flex / flexTotal, want)
                    widths[c] += add
                    spare -= add
                }
            }
        } else if spare < 0, let last = shown.last {
            widths[last] = max(widths[last] + spare, 1)
        }
        return shown.map { ($0, widths[$0]) }
    }

    /// The width the table needs to show every column as wide as its content wants.
    func neededWidth(natural: [Int], sort: SortOrder?) -> Int {
        let wanted = desired(natural: natural, sort: sort)
        return wanted.reduce(0, +) + max(columns.count - 1, 0) + 1
    }

    /// Each visible row's cells, worked out once per frame for measuring and drawing.
    struct Window {
        var top: Int
        var cells: [[(String, Role)]]

        /// The widest cell of each column (graphemes measured as drawn, long values capped).
        func natural(columns: Int) -> [Int] {
            (0..<columns).map { c in cells.reduce(0) { max($0, DisplayWidth.of(InertText.make(String($1[c].0.prefix(200))))) } }
        }
    }

    /// The cells of the rows `top..<top+visible` that exist.
    func window(rowCount: Int, top: Int, visible: Int, cell: (Int, Int) -> (String, Role)) -> Window {
        let rows = top..<min(top + max(visible, 0), rowCount)
        return Window(top: top, cells: rows.map { row in columns.indices.map { cell(row, $0) } })
    }

    /// Draws the header and the visible rows in `rect`; returns where the window is in a long
    /// list ("12–30 of 4,211"), nil when every row shows.
    @discardableResult
    func draw(
        into grid: inout Grid, rect: Rect, rowCount: Int, top: Int, selected: Int?, sort: SortOrder? = nil,
        cell: (Int, Int) -> (String, Role)
    ) -> String? {
        guard rect.height > 0, rect.width > 0 else { return nil }
        let visible = rect.height - 1
        let window = window(rowCount: rowCount, top: top, visible: visible, cell: cell)
        let cols = layout(width: rect.width, natural: window.natural(columns: columns.count), sort: sort)
        var x = rect.x + 1
        grid.fill(x: rect.x, y: rect.y, count: rect.width, role: .columnHeader)
        for (c, w) in cols {
            grid.write(
                padded: title(c, sort: sort), x: x, y: rect.y, width: w, role: .columnHeader,
                alignRight: columns[c].alignRight)
            x += w + 1
        }
        for line in 0..<visible {
            let y = rect.y + 1 + line
            let row = top + line
            grid.fill(x: rect.x, y: y, count: rect.width, role: .normal)
            guard line < window.cells.count else { continue }
            let isSelected = row == selected
            if isSelected {
                grid.fill(x: rect.x, y: y, count: rect.width, role: .selection)
                grid.write("▶", x: rect.x, y: y, role: .selection)
            }
            var x = rect.x + 1
            for (c, w) in cols {
                let (text, role) = window.cells[line][c]
                grid.write(
                    padded: text, x: x, y: y, width: w, role: isSelected ? .selection : role,
                    alignRight: columns[c].alignRight)
                x += w + 1
            }
        }
        guard rowCount > visible, visible > 0 else { return nil }
        return "\(top + 1)–\(min(top + visible, rowCount)) of \(Format.count(rowCount))"
    }
}
