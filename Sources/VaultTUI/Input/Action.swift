/// Everything a key can do, with the help text the footer and the `?` screen show. Bindings are
/// data (see `KeyMap`); no screen hard-codes a key.
public enum Action: String, CaseIterable, Codable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextTab, previousTab, showVaults, showRecoveryPoints, showAlerts, showGuardrails
    case open, back, filter, sort, toggleUnacknowledged, acknowledge, toggleFullValues
    case help, showNotices, nextTheme, togglePause, redraw, quit

    public var help: String {
        switch self {
        case .moveUp: return "move up"
        case .moveDown: return "move down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first row"
        case .bottom: return "last row"
        case .nextTab: return "next tab"
        case .previousTab: return "previous tab"
        case .showVaults: return "vaults"
        case .showRecoveryPoints: return "recovery points"
        case .showAlerts: return "alerts"
        case .showGuardrails: return "guardrails"
        case .open: return "open"
        case .back: return "back"
        case .filter: return "filter"
        case .sort: return "sort"
        case .toggleUnacknowledged: return "unacked only"
        case .acknowledge: return "acknowledge"
        case .toggleFullValues: return "long values whole"
        case .help: return "help"
        case .showNotices: return "notices"
        case .nextTheme: return "theme"
        case .togglePause: return "pause updates"
        case .redraw: return "redraw"
        case .quit: return "quit"
        }
    }

    /// Actions that write something on the record. A read-only run removes them.
    public var isWrite: Bool { self == .acknowledge }
}
