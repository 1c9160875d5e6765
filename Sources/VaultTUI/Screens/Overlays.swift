import Foundation
import VaultCore

/// A centred box for modal content, laid out from the current size every frame.
enum Dialog {
    static func frame(into grid: inout Grid, width: Int, height: Int, title: String) -> Rect {
        let w = min(width, grid.width - 2)
        let h = min(height, grid.height - 2)
        let x = (grid.width - w) / 2
        let y = max((grid.height - h) / 2, 1)
        grid.fill(Rect(x: x, y: y, width: w, height: h), role: .dialog)
        let horizontal = String(repeating: "─", count: max(w - 2, 0))
        grid.write("┌" + horizontal + "┐", x: x, y: y, role: .border)
        grid.write("└" + horizontal + "┘", x: x, y: y + h - 1, role: .border)
        for row in (y + 1)..<(y + h - 1) {
            grid.write("│", x: x, y: row, role: .border)
            grid.write("│", x: x + w - 1, y: row, role: .border)
        }
        grid.write(" \(title) ", x: x + 2, y: y, role: .dialogTitle, maxWidth: w - 4)
        return Rect(x: x + 2, y: y + 1, width: w - 4, height: h - 2)
    }
}

/// `?`: every key that works here, generated from the key map.
enum HelpOverlay {
    static let columnWidth = 34

    static func draw(into grid: inout Grid, _ state: AppState) {
        let context = state.keyContext
        let detail = state.screen == .list ? nil : DetailScreen.measure(state)
        let rows: [(String, String)] = Action.allCases.compactMap { action in
            let keys = state.keyMap.keys(for: action, in: context)
            guard !keys.isEmpty, action.isAvailable(in: state, detail: detail) else { return nil }
            return (keys.map(\.label).joined(separator: " "), action.help)
        }
        // One column when it fits the height, else as many columns as the rows need.
        let fitRows = max(grid.height - 6, 1)
        let columns = min(max((rows.count + fitRows - 1) / fitRows, 1), max((grid.width - 6) / columnWidth, 1))
        let perColumn = (rows.count + columns - 1) / columns
        let content = Dialog.frame(
            into: &grid, width: columns * columnWidth + 4, height: perColumn + 4, title: "Keys — \(context.title)")
        for (i, (keys, help)) in rows.enumerated() {
            let column = i / perColumn
            let row = i % perColumn
            guard row < content.height - 2 else { continue }
            let x = content.x + column * columnWidth
            grid.write(keys, x: x, y: content.y + row, role: .emphasis, maxWidth: 12)
            grid.write(help, x: x + 13, y: content.y + row, role: .dialog, maxWidth: min(columnWidth - 14, content.x + content.width - x - 13))
        }
        let hidden = rows.count - columns * max(content.height - 2, 0)
        let footer = hidden > 0 ? "\(hidden) more: enlarge the terminal · Esc closes" : "Esc or ? closes"
        grid.write(footer, x: content.x, y: content.y + content.height - 1, role: .muted, maxWidth: content.width)
    }
}

/// `!`: what the store and the sources reported (skipped lines, torn tails, failures).
enum NoticesOverlay {
    static func draw(into grid: inout Grid, _ state: AppState) {
        let notices = state.snapshot.notices
        let width = max(grid.width - 8, 40)
        // Newest first, each wrapped whole: a notice names a file and a line, and is read in full.
        let lines = notices.reversed().flatMap { n -> [(String, Role)] in
            let role: Role = n.level == .error ? .danger : n.level == .warning ? .warning : .dialog
            return Prose.wrap(InertText.make("\(n.level.rawValue): \(n.text)"), width: width - 4).map { ($0, role) }
        }
        let content = Dialog.frame(
            into: &grid, width: width, height: min(max(lines.count, 1) + 4, grid.height - 2), title: "Notices")
        if notices.isEmpty {
            grid.write("Nothing to report: the store loaded cleanly.", x: content.x, y: content.y, role: .ok)
        }
        var y = content.y
        for (text, role) in lines where y < content.y + content.height - 1 {
            grid.write(text, x: content.x, y: y, role: role, maxWidth: content.width)
            y += 1
        }
        grid.write("Esc closes", x: content.x, y: content.y + content.height - 1, role: .muted)
    }
}

/// `a`: acknowledge the alert, with an optional note, on the record.
enum AcknowledgeDialog {
    static func draw(into grid: inout Grid, _ state: AppState, draft: AcknowledgementDraft) {
        let alert = state.account.alert(id: draft.alertId)
        let content = Dialog.frame(
            into: &grid, width: min(72, grid.width - 2), height: 10, title: "Acknowledge alert \(Alert.shortId(of: draft.alertId))")
        var y = content.y
        if let alert {
            grid.write("\(alert.action) by \(alert.principal.displayName)", x: content.x, y: y, role: .emphasis, maxWidth: content.width)
            y += 1
            grid.write("on \(alert.vaultName ?? "no vault") · \(alert.outcome) · \(UTC.minute(alert.time))", x: content.x, y: y, role: .dialog, maxWidth: content.width)
        }
        y += 2
        grid.write("Note (optional):", x: content.x, y: y, role: .dialog)
        y += 1
        grid.fill(x: content.x, y: y, count: content.width, role: .input)
        // The cursor always in view: as much before it as fits, and what follows after it.
        var before = InertText.make(String(draft.editor.parts.before))
        let after = InertText.make(String(draft.editor.parts.after))
        let room = content.width - 1
        while DisplayWidth.of(before) > max(room - min(DisplayWidth.of(after), room / 2), room / 2) { before.removeFirst() }
        let x = grid.write(before, x: content.x, y: y, role: .input, maxWidth: room)
        grid.write("▏", x: content.x + x, y: y, role: .input)
        grid.write(after, x: content.x + x + 1, y: y, role: .input, maxWidth: max(room - x, 0))
        y += 2
        grid.write("Recorded as \(state.identity), \(UTC.minute(state.now)).", x: content.x, y: y, role: .muted, maxWidth: content.width)
        y += 1
        grid.write("Enter record   Esc cancel", x: content.x, y: y, role: .emphasis, maxWidth: content.width)
    }
}
