/// Where everything goes for a given terminal size. Computed from the size on every frame and
/// on every key, so resizing (in any screen or dialog) just works.
public struct Layout: Equatable, Sendable {
    public static let minWidth = 50
    public static let minHeight = 12
    /// At this width the Vaults tab shows the selected vault's detail beside the list.
    public static let sidePaneWidth = 110

    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var tooSmall: Bool { width < Layout.minWidth || height < Layout.minHeight }

    /// Rows between the tab line and the footer.
    public var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }

    /// The list area of a tab (column header included) and the pane showing the selected row.
    /// The list takes the rows it needs, up to what leaves the pane its minimum; the pane gets
    /// the rest, so a short list leaves room to explain the selected row in full.
    public func split(_ tab: Tab, rowCount: Int, listWidth: Int = 74) -> (list: Rect, pane: Rect?) {
        let b = body
        if tab == .vaults && width >= Layout.sidePaneWidth {
            // The list is as wide as its columns want (about 70); the pane takes the rest, at
            // least 50 wide, so a wide screen explains the vault in long lines, not in wrapped ones.
            let paneWidth = max(50, width - listWidth - 1)
            return (
                Rect(x: 0, y: b.y, width: width - paneWidth - 1, height: b.height),
                Rect(x: width - paneWidth, y: b.y, width: paneWidth, height: b.height)
            )
        }
        let minimumPane = min(tab == .vaults ? 10 : 9, b.height / 2)
        let wanted = max(rowCount + 2, 4)
        let list = min(wanted, b.height - minimumPane)
        return (
            Rect(x: 0, y: b.y, width: width, height: list),
            Rect(x: 0, y: b.y + list, width: width, height: b.height - list)
        )
    }

    /// How many data rows a tab's list shows (its column header takes one line).
    public func visibleRows(_ tab: Tab, rowCount: Int) -> Int { max(split(tab, rowCount: rowCount).list.height - 1, 1) }
}
