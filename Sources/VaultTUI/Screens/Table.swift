/// A column of a list: a title, a width (fixed, or a share of what is left), and whether it may
/// be dropped when the terminal is narrow.
struct Column {
    var title: String
    var width: Int
    /// Columns with `flex > 0` share the leftover width in proportion.
    var flex: Int = 0
    var alignRight = false
    /// Lower numbers are dropped first when the row does not fit.
    var priority = 9
}

/// Lays out and draws a table: header row, then only the visible window of rows (lists are
/// virtualised; a million rows cost the same to draw as ten).
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

    /// Which columns are shown at `width`, and how wide each is. A gap of one column separates them.
    func layout(width: Int) -> [(index: Int, width: Int)] {
        var shown = Array(columns.indices)
        func needed(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + columns[$1].width } + max(idx.count - 1, 0) + 1 }
        while needed(shown) > width, shown.count > 1 {
            let drop = shown.min { columns[$0].priority < columns[$1].priority }!
            shown.removeAll { $0 == drop }
        }
        var widths = shown.map { columns[$0].width }
        var spare = width - needed(shown)
        let flexTotal = shown.reduce(0) { $0 + columns[$1].flex }
        if spare > 0, flexTotal > 0 {
            let share = spare
            for (i, c) in shown.enumerated() where columns[c].flex > 0 {
                let add = share * columns[c].flex / flexTotal
                widths[i] += add
                spare -= add
            }
            if let last = shown.lastIndex(where: { columns[$0].flex > 0 }) { widths[last] += spare }
        } else if spare < 0, let last = widths.indices.last {
            widths[last] = max(widths[last] + spare, 1)
        }
        return zip(shown, widths).map { ($0, $1) }
    }

    /// Draws the header and the rows `top..<top+visible` in `rect`. `cell(row, column)` gives
    /// each cell's text and role.
    @discardableResult
    func draw(
        into grid: inout Grid, rect: Rect, rowCount: Int, top: Int, selected: Int?,
        cell: (Int, Int) -> (String, Role)
    ) -> String? {
        guard rect.height > 0, rect.width > 0 else { return nil }
        let cols = layout(width: rect.width)
        var x = rect.x + 1
        grid.fill(x: rect.x, y: rect.y, count: rect.width, role: .columnHeader)
        for (c, w) in cols {
            grid.write(
                padded: columns[c].title, x: x, y: rect.y, width: w, role: .columnHeader,
                alignRight: columns[c].alignRight)
            x += w + 1
        }
        let visible = rect.height - 1
        for line in 0..<visible {
            let y = rect.y + 1 + line
            let row = top + line
            grid.fill(x: rect.x, y: y, count: rect.width, role: .normal)
            guard row < rowCount else { continue }
            let isSelected = row == selected
            if isSelected {
                grid.fill(x: rect.x, y: y, count: rect.width, role: .selection)
                grid.write("▶", x: rect.x, y: y, role: .selection)
            }
            var x = rect.x + 1
            for (c, w) in cols {
                let (text, role) = cell(row, c)
                grid.write(
                    padded: text, x: x, y: y, width: w, role: isSelected ? .selection : role,
                    alignRight: columns[c].alignRight)
                x += w + 1
            }
        }
        // Where the window is in a long list: "12–30 of 4,211", shown by the caller.
        guard rowCount > visible, visible > 0 else { return nil }
        return "\(top + 1)–\(min(top + visible, rowCount)) of \(Format.count(rowCount))"
    }
}
