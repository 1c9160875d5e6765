import VaultCore

/// The dashboard's tabs, in the order `Tab` cycles through them.
public enum Tab: Int, CaseIterable, Sendable {
    case vaults, recoveryPoints, alerts, guardrails

    public var title: String {
        switch self {
        case .vaults: return "Vaults"
        case .recoveryPoints: return "Recovery points"
        case .alerts: return "Alerts"
        case .guardrails: return "Guardrails"
        }
    }

    /// For the tab line of a narrow terminal, so what shapes the list still fits beside it.
    public var shortTitle: String { self == .recoveryPoints ? "Points" : title }

    var keyContext: KeyMap.Context {
        switch self {
        case .vaults: return .vaults
        case .recoveryPoints: return .recoveryPoints
        case .alerts: return .alerts
        case .guardrails: return .guardrails
        }
    }
}

/// What fills the body: a tab's list, or the detail of one row.
public enum Screen: Equatable, Sendable {
    case list
    case vaultDetail(VaultKey)
    case pointDetail(arn: String)
    case alertDetail(id: String)
    /// One posture check, by `GuardrailRow.id`.
    case checkDetail(id: String)
}

/// The filter bar: off, being typed, or applied (bubbles' FilterState).
public enum FilterState: Equatable, Sendable {
    case off
    case editing(String)
    case applied(String)

    public var text: String {
        switch self {
        case .off: return ""
        case .editing(let t), .applied(let t): return t
        }
    }
}

/// A modal on top of the screen. Each one is laid out from the size on every frame.
public enum Overlay: Equatable, Sendable {
    case none
    case help
    case notices
    case acknowledge(AcknowledgementDraft)
}

/// The acknowledge dialog's contents: which alert, and the note typed so far (with its cursor).
public struct AcknowledgementDraft: Equatable, Sendable {
    public var alertId: String
    public var editor: LineEditor

    public init(alertId: String, note: String = "") {
        self.alertId = alertId
        editor = LineEditor(note, limit: Self.maxNoteLength)
    }

    public var note: String { editor.text }

    /// Notes are kept to one line of reasonable length.
    public static let maxNoteLength = 500
}
