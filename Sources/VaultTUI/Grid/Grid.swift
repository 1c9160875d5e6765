/// The whole screen as cells: what `view` returns and the only thing the terminal backend draws.
/// Writing text measures display width, truncates by columns (with an ellipsis when asked) and
/// makes hostile strings inert, so no caller can put raw outside text on the terminal.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill role: Role = .normal) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: Cell(" ", role: role), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Paints `count` cells of row `y` from `x` with spaces in `role`.
    public mutating func fill(x: Int = 0, y: Int, count: Int? = nil, role: Role) {
        guard y >= 0, y < height else { return }
        let start = max(x, 0)
        let end = min(width, x + (count ?? width))
        guard start < end else { return }
        repairWide(x: start, y: y)
        repairWide(x: end, y: y)
        for i in start..<end { self[i, y] = Cell(" ", role: role) }
    }

    /// Fills a rectangle with spaces in `role`.
    public mutating func fill(_ rect: Rect, role: Role) {
        for y in rect.y..<(rect.y + rect.height) { fill(x: rect.x, y: y, count: rect.width, role: role) }
    }

    /// Writes `text` at (x, y), at most `maxWidth` columns (default: to the right edge). Returns
    /// the number of columns written. With `ellipsis`, text that does not fit ends in "…".
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, role: Role = .normal, maxWidth: Int? = nil, ellipsis: Bool = true
    ) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - max(x, 0))
        guard limit > 0 else { return 0 }
        let safe = InertText.make(text)
        let fits = DisplayWidth.of(safe) <= limit
        let budget = fits || !ellipsis ? limit : limit - 1
        var col = x
        if safe.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, most of a screen: a cell a byte, no grapheme breaking.
            for byte in safe.utf8 {
                if col - x + 1 > budget { break }
                if col >= 0 { put(Grid.ascii[Int(byte)], width: 1, x: col, y: y, role: role) }
                col += 1
            }
        } else {
            for g in safe {
                let w = DisplayWidth.of(g)
                if w == 0 { continue }  // a lone combining mark or format character: nothing to draw
                if col - x + w > budget { break }
                if col >= 0 { put(g, width: w, x: col, y: y, role: role) }
                col += w
            }
        }
        if !fits && ellipsis && col - x < limit {
            put("…", width: 1, x: col, y: y, role: role)
            col += 1
        }
        return col - x
    }

    /// Writes `text` padded with spaces to exactly `width` columns.
    @discardableResult
    public mutating func write(padded text: String, x: Int, y: Int, width w: Int, role: Role, alignRight: Bool = false)
        -> Int
    {
        guard w > 0 else { return 0 }
        fill(x: x, y: y, count: w, role: role)
        if alignRight {
            let tw = min(DisplayWidth.of(InertText.make(text)), w)
            write(text, x: x + w - tw, y: y, role: role, maxWidth: tw)
        } else {
            write(text, x: x, y: y, role: role, maxWidth: w)
        }
        return w
    }

    /// Each ASCII character as a grapheme, made once.
    private static let ascii: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }

    private mutating func put(_ g: Character, width w: Int, x: Int, y: Int, role: Role) {
        guard x >= 0, x < width else { return }
        if w == 2 && x + 1 >= width {  // a wide grapheme that would straddle the edge
            repairWide(x: x, y: y)
            self[x, y] = Cell(" ", role: role)
            return
        }
        repairWide(x: x, y: y)
        if w == 2 { repairWide(x: x + 1, y: y) }
        self[x, y] = Cell(String(g), role: role, width: UInt8(w))
        if w == 2 { self[x + 1, y] = Cell("", role: role, width: 0) }
    }

    /// Before overwriting the cell at x, blank the other half of any wide grapheme it belongs to.
    private mutating func repairWide(x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let cell = self[x, y]
        if cell.width == 0, x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        } else if cell.width == 2, x + 1 < width {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
        }
    }

    /// Copies rows `rows` of `other` to (x, y) onward, clipped to this grid. Whole wide glyphs
    /// only: one that would straddle the right edge becomes a blank.
    public mutating func blit(_ other: Grid, rows: Range<Int>, x: Int, y: Int) {
        for (offset, row) in rows.enumerated() where row >= 0 && row < other.height {
            let ty = y + offset
            guard ty >= 0, ty < height else { continue }
            for sx in 0..<other.width {
                let tx = x + sx
                guard tx >= 0, tx < width else { break }
                let cell = other[sx, row]
                if cell.width == 2 && tx + 1 >= width {
                    self[tx, ty] = Cell(" ", role: cell.role)
                } else if cell.isContinuation && tx == 0 {
                    self[tx, ty] = Cell(" ", role: cell.role)
                } else {
                    self[tx, ty] = cell
                }
            }
        }
    }

    // MARK: - Reading a grid back (tests and captures)

    /// Row `y` as text, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].grapheme }
        return s
    }

    /// The whole grid as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<height).map { line($0).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(width, 0)
        self.height = max(height, 0)
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
