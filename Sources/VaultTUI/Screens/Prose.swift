import Synchronization

/// Lines of labelled text for detail panes and screens, wrapped at word boundaries to the
/// width available, measured in display columns.
struct Prose {
    struct Line {
        var label: String
        var text: String
        var role: Role
    }

    var lines: [Line] = []
    var labelWidth = 11
    /// Values longer than this many characters are cut, ending in "… (N more characters)"; nil
    /// shows them whole (a detail after `v`). A 160 KB principal must not fill the screen.
    var valueLimit: Int? = Prose.paneLimit

    /// The cut in panes and lists, and in a detail until `v` shows values whole.
    static let paneLimit = 240
    static let detailLimit = 600

    mutating func add(_ label: String, _ text: String, _ role: Role = .normal) {
        lines.append(Line(label: label, text: text, role: role))
    }

    /// Whether some value is longer than the limit (so `v` would show more).
    var cutsValues: Bool { valueLimit.map { limit in lines.contains { $0.text.utf8.count > limit && $0.text.count > limit } } ?? false }

    /// `text`, or its first `limit` characters and how many more there are.
    static func capped(_ text: String, limit: Int?) -> String {
        guard let limit, text.utf8.count > limit else { return text }
        let total = text.count
        guard total > limit else { return text }
        return String(text.prefix(limit)) + "… (\(Format.count(total - limit)) more characters)"
    }

    private func shown(_ line: Line, width: Int) -> [String] {
        line.text.isEmpty ? [""] : Prose.wrap(InertText.make(Prose.capped(line.text, limit: valueLimit)), width: width)
    }

    mutating func gap() { lines.append(Line(label: "", text: "", role: .normal)) }

    /// Draws into `rect`, wrapping each text under its label, after skipping the first `skip`
    /// wrapped rows (a scrolled detail screen). Returns the rows used.
    @discardableResult
    func draw(into grid: inout Grid, rect: Rect, skip: Int = 0) -> Int {
        var y = rect.y
        var skipped = 0
        let textWidth = max(rect.width - labelWidth - 1, 8)
        for line in lines {
            let wrapped = shown(line, width: textWidth)
            for (i, part) in wrapped.enumerated() {
                if skipped < skip {
                    skipped += 1
                    continue
                }
                guard y < rect.y + rect.height else { return y - rect.y }
                if i == 0, !line.label.isEmpty {
                    grid.write(line.label, x: rect.x, y: y, role: .muted, maxWidth: labelWidth)
                }
                grid.write(part, x: rect.x + labelWidth + 1, y: y, role: line.role, maxWidth: textWidth)
                y += 1
            }
        }
        return y - rect.y
    }

    /// How many rows the prose takes at `width`.
    func rowCount(width: Int) -> Int {
        let textWidth = max(width - labelWidth - 1, 8)
        return lines.reduce(0) { $0 + shown($1, width: textWidth).count }
    }

    /// Greedy word wrap by display width; a word longer than the line (an ARN) is cut after its
    /// last `:` or `/` that fits, else where the line ends. One pass over the text, so a value
    /// of 160,000 characters wraps as fast as it is read.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        // A value shown whole can be thousands of rows: wrapped once, not on every key and frame.
        if text.utf8.count > WrapMemo.threshold {
            if let lines = WrapMemo.lines(of: text, width: width) { return lines }
            let lines = wrapped(text, width: width)
            WrapMemo.keep(lines, of: text, width: width)
            return lines
        }
        return wrapped(text, width: width)
    }

    private static func wrapped(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let ww = DisplayWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + ww <= width {
                line += " " + word
                lineWidth += 1 + ww
                continue
            }
            if lineWidth > 0 {
                out.append(line)
                line = ""
                lineWidth = 0
            }
            if ww <= width {
                line = String(word)
                lineWidth = ww
                continue
            }
            // Too long for a line: the characters of the line being filled, their widths, and
            // where the last `:` or `/` (not the first character) would let it break.
            var chunk: [Character] = []
            var widths: [Int] = []
            var chunkWidth = 0
            var breakAfter: Int?
            for g in word {
                let gw = DisplayWidth.of(g)
                if chunkWidth + gw > width, !chunk.isEmpty {
                    let cut = breakAfter ?? chunk.count
                    out.append(String(chunk[..<cut]))
                    chunk.removeFirst(cut)
                    widths.removeFirst(cut)
                    chunkWidth = widths.reduce(0, +)
                    breakAfter = chunk.indices.last { $0 > 0 && (chunk[$0] == ":" || chunk[$0] == "/") }.map { $0 + 1 }
                }
                chunk.append(g)
                widths.append(gw)
                chunkWidth += gw
                if (g == ":" || g == "/") && chunk.count > 1 { breakAfter = chunk.count }
            }
            line = String(chunk)
            lineWidth = chunkWidth
        }
        if lineWidth > 0 || out.isEmpty { out.append(line) }
        return out
    }
}

/// A titled area with a rule above it, for the pane under or beside a list.
enum Pane {
    /// Draws the frame and returns the rectangle left for content.
    static func frame(into grid: inout Grid, rect: Rect, title: String, side: Bool, position: String? = nil) -> Rect {
        grid.fill(rect, role: .normal)
        // The title takes what the list's status (filter, order, count; right-aligned) leaves,
        // and at least a third of the rule when both cannot be whole.
        let statusWidth = position.map { DisplayWidth.of($0) + 8 } ?? 4
        let titleWidth = min(DisplayWidth.of(InertText.make(title)) + 2, max(rect.width - statusWidth, rect.width / 3, 12))
        defer {
            if let position, !side {
                let room = rect.width - titleWidth - 8
                let w = min(DisplayWidth.of(position), room)
                if room > 8 {
                    grid.write(" \(position) ", x: rect.x + rect.width - w - 4, y: rect.y, role: .status, maxWidth: w + 2)
                }
            }
        }
        if side {
            for y in rect.y..<(rect.y + rect.height) { grid.write("│", x: rect.x - 1, y: y, role: .border) }
            grid.write(title, x: rect.x + 1, y: rect.y, role: .emphasis, maxWidth: rect.width - 2)
            return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        }
        grid.write(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, role: .border)
        grid.write(" \(InertText.make(title)) ", x: rect.x + 2, y: rect.y, role: .emphasis, maxWidth: titleWidth)
        return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
    }
}

/// The last few long values wrapped, by text and width (a detail scrolled through a value of
/// 160,000 characters asks for the same rows again on every key).
enum WrapMemo {
    static let threshold = 4_096
    private static let kept = Mutex<[(text: String, width: Int, lines: [String])]>([])

    static func lines(of text: String, width: Int) -> [String]? {
        kept.withLock { entries in entries.first { $0.width == width && $0.text == text }?.lines }
    }

    static func keep(_ lines: [String], of text: String, width: Int) {
        kept.withLock { entries in
            entries.append((text, width, lines))
            if entries.count > 8 { entries.removeFirst() }
        }
    }
}
