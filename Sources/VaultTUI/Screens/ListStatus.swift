import VaultCore

/// What shapes a list and where the window is in it, always on screen: `filter “x”: 12 of 400 ·
/// by severity ▼ · 1–17 of 12`. Shown on the rule above the pane (or on the tab line when the
/// pane is beside the list).
enum ListStatus {
    static func text(_ state: AppState, tab: Tab, position: String?) -> String {
        let shown = state.rowCount(tab)
        var parts: [String] = []
        // One vault's points: said, since the tab line of a narrow screen has no room for it.
        if tab == .recoveryPoints, let vault = state.pointsVault { parts.append("in \(vault.name)") }
        let filter = state.filters[tab] ?? .off
        if !filter.text.isEmpty {
            parts.append("filter “\(filter.text)”\(filter == .editing(filter.text) ? "…" : ""): \(Format.count(shown)) of \(Format.count(total(state, tab)))")
        }
        if tab == .alerts && state.unacknowledgedOnly {
            parts.append(filter.text.isEmpty ? "unacked only: \(Format.count(shown)) of \(Format.count(total(state, tab)))" : "unacked only")
        }
        parts.append("by \(state.order(tab).name) \(state.order(tab).arrow)")
        // The count, unless a filter (or unacked only) already said it.
        if let position {
            parts.append(position)
        } else if filter.text.isEmpty && !(tab == .alerts && state.unacknowledgedOnly) {
            parts.append("\(Format.count(shown)) \(noun(tab, shown))")
        }
        return parts.joined(separator: " · ")
    }

    /// Rows before any filter.
    static func total(_ state: AppState, _ tab: Tab) -> Int {
        let account = state.account
        switch tab {
        case .vaults: return account.vaults.count
        case .recoveryPoints: return state.pointsVault.map { account.points(in: $0).count } ?? account.pointCount
        case .alerts: return account.alerts.count
        case .guardrails: return state.guardrailReport?.results.count ?? 0
        }
    }

    static func noun(_ tab: Tab, _ n: Int) -> String {
        switch tab {
        case .vaults: return n == 1 ? "vault" : "vaults"
        case .recoveryPoints: return n == 1 ? "point" : "points"
        case .alerts: return n == 1 ? "alert" : "alerts"
        case .guardrails: return n == 1 ? "check" : "checks"
        }
    }
}
