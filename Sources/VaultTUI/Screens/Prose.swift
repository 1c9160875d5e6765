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

    mutating func add(_ label: String, _ text: String, _ role: Role = .normal) {
        lines.append(Line(label: label, text: text, role: role))
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
            let wrapped = line.text.isEmpty ? [""] : Prose.wrap(InertText.make(line.text), width: textWidth)
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
        return lines.reduce(0) { $0 + ($1.text.isEmpty ? 1 : Prose.wrap(InertText.make($1.text), width: textWidth).count) }
    }

    /// Greedy word wrap by display width; a word longer than the line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            var ww = DisplayWidth.of(w)
            if lineWidth > 0 && lineWidth + 1 + ww <= width {
                line += " " + w
                lineWidth += 1 + ww
                continue
            }
            if lineWidth > 0 {
                out.append(line)
                line = ""
                lineWidth = 0
            }
            while ww > width {  // hard-cut a very long word (an ARN)
                var head = ""
                var hw = 0
                var rest = Substring(w)
                while let g = rest.first, hw + DisplayWidth.of(g) <= width {
                    head.append(g)
                    hw += DisplayWidth.of(g)
                    rest = rest.dropFirst()
                }
                if head.isEmpty { break }
                out.append(head)
                w = String(rest)
                ww = DisplayWidth.of(w)
            }
            line = w
            lineWidth = ww
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
        defer {
            if let position, !side {
                let w = DisplayWidth.of(position) + 2
                if w < rect.width / 2 { grid.write(" \(position) ", x: rect.x + rect.width - w - 2, y: rect.y, role: .muted) }
            }
        }
        if side {
            for y in rect.y..<(rect.y + rect.height) { grid.write("│", x: rect.x - 1, y: y, role: .border) }
            grid.write(title, x: rect.x + 1, y: rect.y, role: .emphasis, maxWidth: rect.width - 2)
            return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        }
        grid.write(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, role: .border)
        grid.write(" \(InertText.make(title)) ", x: rect.x + 2, y: rect.y, role: .emphasis, maxWidth: rect.width - 4)
        return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
    }
}
