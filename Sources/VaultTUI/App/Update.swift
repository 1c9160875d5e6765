import Foundation
import VaultCore

/// The dashboard's only way to change: a message in, a new state and effects out. No I/O here,
/// so every key can be tested on a state value alone.
public enum Update {
    public static func apply(_ msg: Msg, to state: inout AppState) -> [Effect] {
        switch msg {
        case .key(let key):
            return handle(key, &state)
        case .paste(let text):
            paste(text, &state)
        case .resize(let w, let h):
            state.width = max(w, 1)
            state.height = max(h, 1)
            keepSelectionVisible(&state)
            return [.repaint]
        case .tick(let now):
            state.now = now
            // Verdicts that depend on the time (a grace period, a recovery point's age) move on.
            let before = state.guardrailRows.count
            state.deriveGuardrails()
            if state.guardrailRows.count != before { keepSelectionVisible(&state) }
        case .second:
            // Once a real second whatever the simulated speed: a status lasts about 6 s.
            if state.statusTicksLeft > 0 {
                state.statusTicksLeft -= 1
                if state.statusTicksLeft == 0 { clearStatus(&state) }
            }
        case .snapshot(let snapshot):
            if state.paused {
                state.pending = snapshot
            } else {
                adopt(snapshot, &state)
            }
        case .acknowledged(let alertId, let error):
            // On success the id stays in `acknowledging` until a snapshot that holds the record is
            // on screen (it may be held back by a pause), so the alert cannot be acknowledged twice.
            let short = Alert.shortId(of: alertId)
            if let error {
                state.acknowledging.remove(alertId)
                setStatus("Could not acknowledge \(short): \(error)", error: true, &state)
            } else {
                setStatus("Acknowledged \(short), recorded as \(state.identity).", &state)
            }
        case .storeLockWait(let holder):
            state.storeLockHolder = holder
        }
        return []
    }

    static func adopt(_ snapshot: AccountSnapshot, _ state: inout AppState) {
        state.snapshot = snapshot
        state.pending = nil
        state.acknowledging = state.acknowledging.filter { !snapshot.state.isAcknowledged($0) }
        if let vault = state.pointsVault, snapshot.state.vaults[vault] == nil, !snapshot.loading {
            state.pointsVault = nil
        }
        state.deriveRows()
        keepSelectionVisible(&state)
    }

    // MARK: - Keys

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        // Text fields take every printable key first (htop#34: letters must not trigger actions).
        if case .acknowledge(var draft) = state.overlay {
            switch key {
            case .escape:
                state.overlay = .none
                setStatus("Acknowledgement cancelled.", &state)
            case .enter:
                state.overlay = .none
                state.acknowledging.insert(draft.alertId)
                let note = draft.note.trimmingCharacters(in: .whitespaces)
                setStatus("Recording acknowledgement of \(Alert.shortId(of: draft.alertId))…", &state)
                return [.acknowledge(alertId: draft.alertId, note: note.isEmpty ? nil : note)]
            default:
                // ←/→, Home/End, Backspace/Delete at the cursor, Ctrl-U, and what is typed.
                if draft.editor.apply(key) { state.overlay = .acknowledge(draft) }
            }
            return []
        }
        if case .editing(var text) = state.filter {
            switch key {
            case .escape:
                state.filters[state.tab] = .off
            case .enter:
                state.filters[state.tab] = text.isEmpty ? .off : .applied(text)
            case .backspace, .delete:
                if !text.isEmpty { text.removeLast() }
                state.filters[state.tab] = .editing(text)
            case .ctrl("u"):
                state.filters[state.tab] = .editing("")
            case .char(let c):
                if text.count < TypedText.filterLimit, TypedText.isAllowed(c) { text.append(c) }
                state.filters[state.tab] = .editing(text)
            default:
                return []
            }
            state.deriveRows()
            state.scrollTop[state.tab] = 0
            keepSelectionVisible(&state)
            return []
        }
        if state.overlay != .none {
            let action = state.keyMap.action(for: key, in: state.keyContext)
            if key == .escape || action == .help || action == .quit || action == .back {
                state.overlay = .none
            }
            return []
        }
        guard let action = state.keyMap.action(for: key, in: state.keyContext) else { return [] }
        return perform(action, &state)
    }

    static func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
        let tab = state.tab
        let page =
            state.screen == .list
            ? Layout(width: state.width, height: state.height).visibleRows(tab, rowCount: state.rowCount(tab))
            : DetailScreen.visibleRows(state)
        switch action {
        case .quit:
            return [.quit]
        case .moveUp: move(by: -1, &state)
        case .moveDown: move(by: 1, &state)
        case .pageUp: move(by: -page, &state)
        case .pageDown: move(by: page, &state)
        case .top: move(to: 0, &state)
        case .bottom: move(to: state.rowCount(tab) - 1, &state)
        case .nextTab: switchTab(to: Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count)!, &state)
        case .previousTab:
            switchTab(to: Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!, &state)
        case .showVaults: switchTab(to: .vaults, &state)
        case .showRecoveryPoints: switchTab(to: .recoveryPoints, &state)
        case .showAlerts: switchTab(to: .alerts, &state)
        case .showGuardrails:
            // From a vault, land on that vault's checks.
            let from = state.tab == .vaults ? state.currentVault?.key : nil
            if let from, let first = state.guardrailRows.first(where: { $0.result.subject == .vault(from) }) {
                state.selectedCheck = first.id
            }
            switchTab(to: .guardrails, &state)
        case .open: open(&state)
        case .back: back(&state)
        case .filter:
            if state.screen == .list { state.filters[tab] = .editing(state.filter.text) }
        case .sort:
            guard state.screen == .list else { break }
            let orders = tab.sortOrders(scoped: tab == .recoveryPoints && state.pointsVault != nil)
            state.sortIndex[tab] = ((state.sortIndex[tab] ?? 0) + 1) % orders.count
            state.deriveRows()
            // A new order is read from its top: the worst check, the newest alert.
            state.scrollTop[tab] = 0
            state.select(tab, index: 0)
            keepSelectionVisible(&state)
            setStatus("Sorted by \(state.sortOrder.name) \(state.sortOrder.arrow).", &state)
        case .toggleUnacknowledged:
            state.unacknowledgedOnly.toggle()
            state.deriveRows()
            keepSelectionVisible(&state)
            setStatus(state.unacknowledgedOnly ? "Showing unacknowledged alerts only." : "Showing all alerts.", &state)
        case .acknowledge: beginAcknowledgement(&state)
        case .help: state.overlay = .help
        case .nextTheme:
            if let why = state.colourLocked {
                setStatus("Themes are off: \(why).", &state)
            } else if state.themeNames.count > 1 {
                state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
                setStatus("Theme: \(state.themeNames[state.themeIndex]).", &state)
            }
        case .togglePause:
            state.paused.toggle()
            if !state.paused, let pending = state.pending { adopt(pending, &state) }
            setStatus(state.paused ? "Paused: rows stay put, clocks tick." : "Updates resumed.", &state)
        case .showNotices: state.overlay = .notices
        case .toggleFullValues:
            guard state.screen != .list else { break }
            state.fullValues.toggle()
            state.detailScroll = 0
        case .redraw: return [.repaint]
        }
        return []
    }

    // MARK: - Movement

    static func move(by delta: Int, _ state: inout AppState) {
        if state.screen != .list {
            state.detailScroll = min(max(state.detailScroll + delta, 0), DetailScreen.maxScroll(state))
            return
        }
        move(to: state.selectedIndex(state.tab) + delta, &state)
    }

    static func move(to index: Int, _ state: inout AppState) {
        if state.screen != .list {
            state.detailScroll = index <= 0 ? 0 : DetailScreen.maxScroll(state)
            return
        }
        state.select(state.tab, index: index)
        keepSelectionVisible(&state)
    }

    /// Scrolls the current tab's list just enough to show the selected row (htop, ratatui).
    static func keepSelectionVisible(_ state: inout AppState) {
        for tab in Tab.allCases {
            let rows = Layout(width: state.width, height: state.height).visibleRows(tab, rowCount: state.rowCount(tab))
            state.scrollTop[tab] = Scroll.top(
                current: state.scrollTop[tab] ?? 0, selected: state.selectedIndex(tab), visible: rows,
                count: state.rowCount(tab))
        }
    }

    static func switchTab(to tab: Tab, _ state: inout AppState) {
        // What was said about one tab is not news on another.
        if state.statusTab != tab { clearStatus(&state) }
        state.tab = tab
        state.screen = .list
        state.deriveRows()
        if state.selectedIndex(tab) == 0 { state.select(tab, index: 0) }
        keepSelectionVisible(&state)
    }

    static func open(_ state: inout AppState) {
        if state.screen == .list {
            state.detailScroll = 0
            state.fullValues = false
        }
        switch state.screen {
        case .list:
            switch state.tab {
            case .vaults:
                if let v = state.currentVault { state.screen = .vaultDetail(v.key) }
            case .recoveryPoints:
                if let p = state.currentPoint { state.screen = .pointDetail(arn: p.arn) }
            case .alerts:
                if let a = state.currentAlert { state.screen = .alertDetail(id: a.id) }
            case .guardrails:
                if let c = state.currentCheck { state.screen = .checkDetail(id: c.id) }
            }
        case .vaultDetail(let vault):
            // From a vault, Enter goes to its recovery points.
            state.pointsVault = vault
            state.selectedPoint = nil
            state.scrollTop[.recoveryPoints] = 0
            state.deriveRows()
            switchTab(to: .recoveryPoints, &state)
        case .pointDetail, .alertDetail, .checkDetail:
            break
        }
    }

    static func back(_ state: inout AppState) {
        if state.screen != .list {
            state.screen = .list
        } else if case .applied = state.filter {
            state.filters[state.tab] = .off
            state.deriveRows()
        } else if state.tab == .recoveryPoints, state.pointsVault != nil {
            state.pointsVault = nil
            state.deriveRows()
        }
        keepSelectionVisible(&state)
    }

    static func beginAcknowledgement(_ state: inout AppState) {
        if state.readOnly {
            setStatus("Read-only: acknowledgements are off.", error: true, &state)
            return
        }
        let alert: Alert?
        switch state.screen {
        case .alertDetail(let id): alert = state.account.alert(id: id)
        case .list where state.tab == .alerts: alert = state.currentAlert
        default: alert = nil
        }
        guard let alert else { return }
        if let ack = state.account.acknowledgement(of: alert.id) ?? state.pending?.state.acknowledgement(of: alert.id) {
            setStatus("Already acknowledged by \(ack.by) at \(UTC.minute(ack.at)).", &state)
            return
        }
        if state.acknowledging.contains(alert.id) { return }
        state.overlay = .acknowledge(AcknowledgementDraft(alertId: alert.id))
    }

    /// A paste goes into the open field as one line: newlines and tabs become spaces, so a note
    /// pasted from a ticket is typed, never submitted halfway.
    static func paste(_ text: String, _ state: inout AppState) {
        let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter(TypedText.isAllowed))
        if case .acknowledge(var draft) = state.overlay {
            draft.editor.insert(line)
            state.overlay = .acknowledge(draft)
        } else if case .editing(var filter) = state.filter {
            filter += line.prefix(max(TypedText.filterLimit - filter.count, 0))
            state.filters[state.tab] = .editing(filter)
            state.deriveRows()
            state.scrollTop[state.tab] = 0
            keepSelectionVisible(&state)
        }
    }

    static func setStatus(_ text: String, error: Bool = false, _ state: inout AppState) {
        state.status = text
        state.statusTab = state.tab
        state.statusIsError = error
        state.statusTicksLeft = 6
    }

    static func clearStatus(_ state: inout AppState) {
        state.status = nil
        state.statusTab = nil
        state.statusIsError = false
        state.statusTicksLeft = 0
    }
}

/// Scrolling a list so that the selected row stays in view.
enum Scroll {
    static func top(current: Int, selected: Int, visible: Int, count: Int) -> Int {
        guard count > visible, visible > 0 else { return 0 }
        var top = min(max(current, 0), count - visible)
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        return top
    }
}
