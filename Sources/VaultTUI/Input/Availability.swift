extension Action {
    /// Whether the action does something where the operator is, so that the footer and `?` list
    /// only keys that work here (a bound key that would do nothing is not offered).
    public func isAvailable(in state: AppState) -> Bool {
        let list = state.screen == .list
        switch self {
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            return list ? state.rowCount(state.tab) > 1 : DetailScreen.maxScroll(state) > 0
        case .open:
            if list { return state.rowCount(state.tab) > 0 }
            if case .vaultDetail = state.screen { return true }
            return false
        case .back:
            if !list { return true }
            if case .applied = state.filter { return true }
            return state.tab == .recoveryPoints && state.pointsVault != nil
        case .filter, .sort:
            return list
        case .toggleUnacknowledged:
            return list && state.tab == .alerts
        case .acknowledge:
            guard !state.readOnly else { return false }
            if list { return state.tab == .alerts && state.currentAlert.map { !state.account.isAcknowledged($0.id) } == true }
            if case .alertDetail(let id) = state.screen { return !state.account.isAcknowledged(id) }
            return false
        case .toggleFullValues:
            return !list && (state.fullValues || DetailScreen.cutsValues(state))
        case .nextTab, .previousTab, .showVaults, .showRecoveryPoints, .showAlerts, .showGuardrails, .help, .showNotices,
            .nextTheme, .togglePause, .redraw, .quit:
            return true
        }
    }
}
