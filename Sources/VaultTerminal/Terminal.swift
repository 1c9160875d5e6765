import CNCurses
import Foundation
import VaultTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The one owner of the terminal. It only blits grids: it keeps the previous grid, sends only
/// the cells that changed, and calls `doupdate` once per frame. Nothing else calls ncurses.
@MainActor
final class Terminal {
    enum ColourMode: Equatable {
        /// NO_COLOR is set, or the terminal has no colours: attributes only.
        case none(reason: String)
        case basic
        case full
    }

    private(set) var colourMode: ColourMode = .none(reason: "not started")
    private var previous: Grid?
    private var previousTheme: String?
    private var pairs: [PairKey: Int16] = [:]
    private var started = false
    private var paste = PasteDecoder()
    private let stderrCapture = StderrCapture()

    private struct PairKey: Hashable {
        var fg: TermColor
        var bg: TermColor
    }

    func start(environment: [String: String]) {
        Locale_.ensureUTF8()
        // initscr prints its own error and exits when the terminal is unusable (an unknown
        // TERM): stderr must still be the real one then.
        _ = initscr()
        stderrCapture.begin()
        started = true
        TerminalRestore.install()
        cbreak()
        noecho()
        nonl()
        keypad(cnc_stdscr(), true)
        set_escdelay(25)
        BracketedPaste.enable()
        curs_set(0)
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            colourMode = .none(reason: "NO_COLOR is set")
        } else if !has_colors() {
            colourMode = .none(reason: "this terminal has no colours")
        } else {
            start_color()
            use_default_colors()
            colourMode = cnc_colors() >= 256 ? .full : .basic
        }
    }

    func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        BracketedPaste.disable()
        endwin()
        TerminalRestore.uninstall()
        stderrCapture.end()
    }

    var size: (width: Int, height: Int) {
        (Int(getmaxx(cnc_stdscr())), Int(getmaxy(cnc_stdscr())))
    }

    /// Forget what is on screen, so the next draw repaints every cell (Ctrl-L, resume, resize).
    func invalidate() {
        previous = nil
        clearok(cnc_curscr(), true)
    }

    /// Draws `grid`, touching only the cells `GridDiff` says changed since the last frame.
    func draw(_ grid: Grid, theme: Theme) {
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
            || previousTheme != theme.name
        if full {
            erase()
            pairs.removeAll(keepingCapacity: true)
        }
        for change in GridDiff.changes(from: full ? nil : previous, to: grid) {
            put(change.cell, x: change.x, y: change.y, theme: theme)
        }
        previous = grid
        previousTheme = theme.name
        wnoutrefresh(cnc_stdscr())
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, theme: Theme) {
        var style = theme.style(cell.role)
        if case .none = colourMode { style = Theme.monochrome.style(cell.role) }
        let pair = colourPair(style)
        let attrs = attributes(style.attributes)
        var scalars = TerminalGlyph.scalars(for: cell.grapheme)
        // Agree with the C library on width, or draw something that cannot misalign.
        let base = wchar_t(bitPattern: scalars[0].value)
        let cWidth = wcwidth(base)
        var padAfter = false
        if cWidth < 0 {
            scalars = ["?"]
        } else if cell.width == 2 && cWidth == 1 {
            // e.g. ❤️: drop the emoji selector so terminals that honour it do not draw it wide
            // on top of our padding cell.
            scalars.removeAll { $0.value == 0xFE0F }
            padAfter = true
        } else if cell.width == 1 && cWidth == 2 {
            scalars = ["\u{FFFD}"]
        }
        var text = scalars.map { wchar_t(bitPattern: $0.value) } + [0]
        var cc = cchar_t()
        setcchar(&cc, &text, attrs, pair, nil)
        mvadd_wch(Int32(y), Int32(x), &cc)
        if padAfter {
            var space: [wchar_t] = [32, 0]
            setcchar(&cc, &space, attrs, pair, nil)
            mvadd_wch(Int32(y), Int32(x + 1), &cc)
        }
    }

    private func attributes(_ a: TextAttributes) -> attr_t {
        var out = cnc_a_normal()
        if a.contains(.bold) { out |= cnc_a_bold() }
        if a.contains(.dim) { out |= cnc_a_dim() }
        if a.contains(.underline) { out |= cnc_a_underline() }
        if a.contains(.reverse) { out |= cnc_a_reverse() }
        if a.contains(.italic) { out |= cnc_a_italic() }
        return out
    }

    private func colourPair(_ style: Style) -> Int16 {
        let fg: TermColor
        let bg: TermColor
        switch colourMode {
        case .none: return 0
        case .basic: (fg, bg) = (style.fg.basic, style.bg.basic)
        case .full: (fg, bg) = (style.fg, style.bg)
        }
        if fg == .terminalDefault && bg == .terminalDefault { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < cnc_color_pairs() else { return 0 }
        init_pair(next, number(fg), number(bg))
        pairs[key] = next
        return next
    }

    private func number(_ c: TermColor) -> Int16 {
        if case .index(let i) = c { return Int16(i) }
        return -1
    }

    /// Every key waiting, without blocking, with bracketed pastes gathered into one input.
    func readInputs() -> [TerminalInput] {
        paste.feed(readRawInputs())
    }

    private func readRawInputs() -> [TerminalInput] {
        nodelay(cnc_stdscr(), true)
        var out: [TerminalInput] = []
        var ch: wint_t = 0
        while out.count < 256 {
            let status = get_wch(&ch)
            if status == ERR { break }
            if let input = KeyDecoder.decode(status: status, value: UInt32(ch)) { out.append(input) }
        }
        return out
    }
}

/// Makes sure wide characters reach ncurses: the locale must be a UTF-8 one.
enum Locale_ {
    static func ensureUTF8() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased() != "UTF-8" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
