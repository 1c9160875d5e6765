extension Action {
    /// Whether the action does something where the operator is, so that the footer and `?` list
    /// only keys that work here (a bound key that would do nothing is not offered).
    public func isAvailable(in state: AppState) -> Bool { isAvailable(in: state, detail: nil) }

    /// The same, with the open detail measured once by the caller (`DetailScreen.measure`) when it
    /// asks about many actions: a detail can be thousands of rows.
    func isAvailable(in state: AppState, detail given: DetailScreen.Measure?) -> Bool {
        let list = state.screen == .list
        var measured = given
        func detail() -> DetailScreen.Measure {
            if let measured { return measured }
            let m = DetailScreen.measure(state)
            measured = m
            return m
        }
        switch self {
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            return list ? state.rowCount(state.tab) > 1 : detail().maxScroll > 0
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
            return !list && (state.fullValues || detail().cutsValues)
        case .nextTab, .previousTab, .showVaults, .showRecoveryPoints, .showAlerts, .showGuardrails, .help, .showNotices,
            .nextTheme, .togglePause, .redraw, .quit:
            return true
        }
    }
}
