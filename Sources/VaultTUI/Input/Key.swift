/// A key press, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How the key is written in hints and the help screen.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }

    /// Parses a key name as written in a key map file: `q`, `Enter`, `Ctrl-L`, `PgDn`, `F1`.
    public init?(name: String) {
        let table: [String: Key] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "enter": .enter,
            "esc": .escape, "escape": .escape, "tab": .tab, "s-tab": .backTab, "backtab": .backTab,
            "backspace": .backspace, "bksp": .backspace, "del": .delete, "delete": .delete, "space": .char(" "),
        ]
        if let k = table[name.lowercased()] {
            self = k
        } else if name.count == 1, let c = name.first {
            self = .char(c)
        } else if name.lowercased().hasPrefix("ctrl-"), name.count == 6, let c = name.last {
            self = .ctrl(Character(c.lowercased()))
        } else if name.uppercased().hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) {
            self = .function(n)
        } else {
            return nil
        }
    }
}
