/// A detail as drawn before it is scrolled: its title, and a body as tall as its content.
struct DetailContent {
    /// Rows of prose (drawn only where the window is: a value of 160,000 characters shown whole
    /// is thousands of rows), or a grid made whole (a vault's recent jobs).
    enum Body {
        case prose(Prose, width: Int)
        case grid(Grid)

        var height: Int {
            switch self {
            case .prose(let p, let width): return max(p.rowCount(width: width), 1)
            case .grid(let g): return g.height
            }
        }

        /// Draws rows `skip..<skip + rect.height` of the body into `rect`.
        func draw(into grid: inout Grid, rect: Rect, skip: Int) {
            switch self {
            case .prose(let p, _): p.draw(into: &grid, rect: rect, skip: skip)
            case .grid(let body): grid.blit(body, rows: skip..<min(skip + rect.height, body.height), x: rect.x, y: rect.y)
            }
        }
    }

    var title: String
    var titleRole: Role
    var body: Body
    /// Whether some value was cut at `Prose.detailLimit` (`v` shows it whole).
    var cutsValues = false

    init(title: String, titleRole: Role, body: Grid, cutsValues: Bool = false) {
        self.init(title: title, titleRole: titleRole, body: .grid(body), cutsValues: cutsValues)
    }

    init(title: String, titleRole: Role, body: Body, cutsValues: Bool = false) {
        self.title = title
        self.titleRole = titleRole
        self.body = body
        self.cutsValues = cutsValues
    }

    /// A body of prose at `width`.
    static func prose(_ p: Prose, width: Int) -> Body { .prose(p, width: width) }

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

    /// How far the open detail can scroll at the current size, and whether it cut a long value.
    struct Measure {
        var maxScroll: Int
        var cutsValues: Bool
    }

    static func measure(_ state: AppState) -> Measure {
        let body = Layout(width: state.width, height: state.height).body
        guard let content = content(state, width: body.width - 2) else { return Measure(maxScroll: 0, cutsValues: false) }
        return Measure(maxScroll: max(content.body.height - visibleRows(state), 0), cutsValues: content.cutsValues)
    }

    /// The furthest the open detail can scroll at the current size.
    static func maxScroll(_ state: AppState) -> Int { measure(state).maxScroll }

    static func draw(into grid: inout Grid, _ state: AppState, rect: Rect) {
        grid.fill(rect, role: .normal)
        guard let content = content(state, width: rect.width - 2) else { return }
        let visible = max(rect.height - 1, 1)
        let total = content.body.height
        let skip = min(state.detailScroll, max(total - visible, 0))
        content.body.draw(into: &grid, rect: Rect(x: 1, y: rect.y + 1, width: rect.width - 2, height: min(visible, total - skip)), skip: skip)
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
