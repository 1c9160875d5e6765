/// A detail as drawn before it is scrolled: its title, and a body as tall as its content.
struct DetailContent {
    var title: String
    var titleRole: Role
    var body: Grid
    /// Whether some value was cut at `Prose.detailLimit` (`v` shows it whole).
    var cutsValues = false

    /// A body of prose at `width`, as tall as it wraps to.
    static func prose(_ p: Prose, width: Int) -> Grid {
        var grid = Grid(width: width, height: max(p.rowCount(width: width), 1))
        p.draw(into: &grid, rect: Rect(x: 0, y: 0, width: width, height: grid.height))
        return grid
    }

    /// A one-line body saying the record is gone.
    static func missing(_ text: String, width: Int) -> DetailContent {
        var grid = Grid(width: width, height: 1)
        grid.write(text, x: 1, y: 0, role: .warning)
        return DetailContent(title: "", titleRole: .normal, body: grid)
    }
}

/// Every detail screen (a vault, a point, an alert, a check) drawn the same way: the title, then
/// a window on the body that `↑↓`, `PgUp`/`PgDn`, `g`/`G` scroll, and "N–M of K" when it does not
/// all fit.
enum DetailScreen {
    static func content(_ state: AppState, width: Int) -> DetailContent? {
        switch state.screen {
        case .list: return nil
        case .vaultDetail(let key): return VaultDetail.content(state, vault: key, width: width)
        case .pointDetail(let arn): return PointDetail.content(state, arn: arn, width: width)
        case .alertDetail(let id): return AlertDetail.content(state, id: id, width: width)
        case .checkDetail(let id): return CheckDetail.content(state, id: id, width: width)
        }
    }

    /// Rows of body a screen of this size shows (the title takes one).
    static func visibleRows(_ state: AppState) -> Int {
        max(Layout(width: state.width, height: state.height).body.height - 1, 1)
    }

    /// The furthest the open detail can scroll at the current size.
    static func maxScroll(_ state: AppState) -> Int {
        let body = Layout(width: state.width, height: state.height).body
        guard let content = content(state, width: body.width - 2) else { return 0 }
        return max(content.body.height - visibleRows(state), 0)
    }

    /// Whether the open detail cut a long value.
    static func cutsValues(_ state: AppState) -> Bool {
        content(state, width: Layout(width: state.width, height: state.height).body.width - 2)?.cutsValues ?? false
    }

    static func draw(into grid: inout Grid, _ state: AppState, rect: Rect) {
        grid.fill(rect, role: .normal)
        guard let content = content(state, width: rect.width - 2) else { return }
        let visible = max(rect.height - 1, 1)
        let total = content.body.height
        let skip = min(state.detailScroll, max(total - visible, 0))
        grid.blit(content.body, rows: skip..<min(skip + visible, total), x: 1, y: rect.y + 1)
        var room = rect.width - 2
        if total > visible {
            let position = "\(skip + 1)–\(min(skip + visible, total)) of \(total) ↑↓"
            let w = DisplayWidth.of(position)
            grid.write(position, x: rect.width - w - 1, y: rect.y, role: .status)
            room -= w + 2
        }
        grid.write(content.title, x: 1, y: rect.y, role: content.titleRole, maxWidth: max(room, 1))
    }
}
