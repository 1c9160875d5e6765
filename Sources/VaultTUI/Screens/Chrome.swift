import Foundation
import VaultCore

/// The header, the tab line and the footer: the same on every screen.
enum Chrome {
    static func header(into grid: inout Grid, _ state: AppState) {
        grid.fill(y: 0, role: .header)
        let account = state.account
        let sync = account.lastSync
        let x = grid.write(" vaultwatch ", x: 0, y: 0, role: .headerAccent)

        // Right side first, most important item rightmost; the left side gets what is left.
        var parts: [(String, Role)] = []
        if !state.snapshot.brokenChains.isEmpty {
            // Tampering with the audit trail outranks everything else on the line.
            parts.append(("CHAIN BROKEN: \(state.snapshot.brokenChains.joined(separator: ", ")) (!)", .headerWarning))
        }
        let unacked = account.unacknowledgedAlertCount
        if state.snapshot.alertsLoading {
            parts.append(("loading alerts…", .headerWarning))
        } else {
            parts.append(unacked > 0 ? ("\(unacked) new alert\(unacked == 1 ? "" : "s")", .headerWarning) : ("no new alerts", .header))
        }
        if !state.snapshot.notices.isEmpty {
            let n = state.snapshot.notices.count
            parts.append(("\(n) notice\(n == 1 ? "" : "s") (!)", .headerWarning))
        }
        if state.paused { parts.append(("PAUSED", .headerWarning)) }
        parts.append(syncText(state))
        // The first to go when the line is short.
        if !state.snapshot.alertsLoading, let byAccount = newAlertsByAccount(account) { parts.append((byAccount, .headerWarning)) }
        var right = grid.width - 1
        for (i, (text, role)) in parts.enumerated() {
            let w = DisplayWidth.of(InertText.make(text))
            let separator = i == 0 ? 0 : 3
            guard right - w - separator > x + 12 else { continue }
            if separator > 0 {
                right -= 3
                grid.write(" │ ", x: right, y: 0, role: .header)
            }
            grid.write(text, x: right - w, y: 0, role: role)
            right -= w
        }
        let room = right - x - 2
        var where_ = "\(whereText(account, lastSync: sync)) · \(state.snapshot.sourceName)"
        if let identity = account.lastGoodSync?.identityArn {
            // Who vaultwatch reads as: `as BackupAuditor/vaultwatch`.
            where_ += " as \(Principal(kind: .assumedRole, arn: identity, accountId: "").displayName)"
        }
        let full = "central backup \(where_)"
        grid.write(DisplayWidth.of(full) <= room ? full : where_, x: x + 1, y: 0, role: .header, maxWidth: max(room, 0))
    }

    /// `444455556666: 3 · 111122223333: 2`: the new alerts of each account, most first, when they
    /// come from more than one.
    static func newAlertsByAccount(_ account: AccountState) -> String? {
        let counts = account.unacknowledgedAlertsByAccount.filter { $0.value > 0 && !$0.key.isEmpty }
        guard counts.count > 1 else { return nil }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key): \($0.value)" }.joined(separator: " · ")
    }

    /// `111122223333 · us-east-1`, or `3 accounts · 2 regions` for a store of several.
    static func whereText(_ account: AccountState, lastSync sync: SyncStatus?) -> String {
        let accounts = account.accountIds, regions = account.regions
        let accountText = accounts.count > 1 ? "\(accounts.count) accounts" : accounts.first ?? sync?.accountId ?? "—"
        let regionText = regions.count > 1 ? "\(regions.count) regions" : regions.first ?? sync?.region ?? "—"
        return "\(accountText) · \(regionText)"
    }

    static func syncText(_ state: AppState) -> (String, Role) {
        if let points = state.snapshot.pointsLoad { return ("loading points \(points.percent)%", .headerWarning) }
        if state.snapshot.loading { return ("loading…", .headerWarning) }
        if let stale = staleText(state) { return (stale, .headerWarning) }
        let account = state.account
        if let last = account.lastSync, let error = last.error {
            return ("sync failed: \(error)", .headerWarning)
        }
        guard let good = account.lastGoodSync else { return ("never synced", .headerWarning) }
        let age = state.now.timeIntervalSince(good.at)
        let text = age < 5 ? "synced just now" : "synced \(Elapsed.ago(good.at, now: state.now))"
        return (text, age > 300 ? .headerWarning : .header)
    }

    /// "stale since 10:42 — ThrottlingException, retrying in 8s": the first failing source, what
    /// went wrong and when it is tried again; nil when every source is fine.
    static func staleText(_ state: AppState) -> String? {
        let failing = state.snapshot.sources.filter(\.isFailing)
        guard let first = failing.first, let failure = first.failure else { return nil }
        var text = failing.count > 1 ? "\(failing.count) sources stale" : "stale"
        if failing.count == 1, let since = first.lastSuccess ?? first.failingSince {
            text += " since \(String(UTC.timeOfDay(since).prefix(5)))"
        }
        text += " — \(headline(failure))"
        if let next = first.nextPoll {
            let left = Int(next.timeIntervalSince(state.now).rounded(.up))
            text += left > 0 ? ", retrying in \(Elapsed.short(seconds: left))" : ", retrying"
        }
        return text
    }

    /// What went wrong, in a few words: the error code a message starts with
    /// (`ThrottlingException: Rate exceeded` → `ThrottlingException`), else the kind.
    static func headline(_ failure: SourceFailure) -> String {
        if let colon = failure.message.firstIndex(of: ":") {
            let code = failure.message[..<colon]
            if !code.isEmpty, code.count <= 40, !code.contains(" ") { return String(code) }
        }
        return failure.kind.rawValue
    }

    static func tabs(into grid: inout Grid, _ state: AppState) {
        grid.fill(y: 1, role: .normal)
        var x = 1
        for tab in Tab.allCases {
            var title = "\(tab.rawValue + 1) \(grid.width < 100 ? tab.shortTitle : tab.title)"
            if tab == .alerts, state.account.unacknowledgedAlertCount > 0 {
                title += " (\(state.account.unacknowledgedAlertCount))"
            }
            if tab == .recoveryPoints, let v = state.pointsVault { title += ": \(v)" }
            if tab == .guardrails, let failed = state.guardrailReport?.count(.fail), failed > 0 {
                title += " (\(failed) FAIL)"
            }
            let active = tab == state.tab
            let shown = active ? "[\(title)]" : " \(title) "
            x += grid.write(shown, x: x, y: 1, role: active ? .tabActive : .tabInactive, maxWidth: 40) + 2
        }
        let clock = "\(UTC.timeOfDay(state.now)) UTC"
        let w = DisplayWidth.of(clock)
        if x + w < grid.width { grid.write(clock, x: grid.width - w - 1, y: 1, role: .muted) }
        // What shapes the list, so a filter or an order never hides silently.
        guard state.screen == .list else { return }
        var shaping: [String] = []
        if case .applied(let text) = state.filter { shaping.append("filter “\(text)”") }
        if state.tab == .alerts && state.unacknowledgedOnly { shaping.append("unacked only") }
        if (state.sortIndex[state.tab] ?? 0) != 0 { shaping.append("by \(state.sortOrder)") }
        guard !shaping.isEmpty else { return }
        let text = shaping.joined(separator: " · ")
        let room = grid.width - w - 3 - x
        if room > 8 { grid.write(text, x: x, y: 1, role: .status, maxWidth: room) }
    }

    /// Key hints generated from the key map for where the operator is, or the status message,
    /// or the filter being typed. Help and quit are always shown; others drop off when narrow.
    static func footer(into grid: inout Grid, _ state: AppState) {
        let y = grid.height - 1
        grid.fill(y: y, role: .footerText)
        if case .editing(let text) = state.filter, state.overlay == .none {
            var x = grid.write(" / ", x: 0, y: y, role: .footerKey)
            x += grid.write(text, x: x + 1, y: y, role: .input, maxWidth: max(grid.width - x - 34, 5)) + 1
            x += grid.write("▏", x: x, y: y, role: .input)
            x += 2
            for (key, help) in [("Enter", "apply"), ("Esc", "clear")] {
                x += grid.write(key, x: x, y: y, role: .footerKey)
                x += grid.write(" \(help)  ", x: x, y: y, role: .footerText)
            }
            return
        }
        var x = 1
        if let status = state.status {
            x += grid.write(status, x: 1, y: y, role: state.statusIsError ? .danger : .status, maxWidth: grid.width * 2 / 3)
            x += 2
        }
        let all = hints(state)
        let fixed = all.suffix(2)  // help, quit
        let fixedWidth = fixed.reduce(0) { $0 + DisplayWidth.of($1.0) + DisplayWidth.of($1.1) + 3 }
        var shown: [(String, String)] = []
        var used = x
        for hint in all.dropLast(2) {
            let w = DisplayWidth.of(hint.0) + DisplayWidth.of(hint.1) + 3
            if used + w + fixedWidth > grid.width { break }
            shown.append(hint)
            used += w
        }
        for (key, help) in shown + fixed {
            if x + DisplayWidth.of(key) + DisplayWidth.of(help) + 1 > grid.width { break }
            x += grid.write(key, x: x, y: y, role: .footerKey)
            x += grid.write(" \(help)  ", x: x, y: y, role: .footerText)
        }
    }

    /// The footer's hints, most useful first; the last two are always help and quit.
    static func hints(_ state: AppState) -> [(String, String)] {
        let context = state.keyContext
        let map = state.keyMap
        func key(_ a: Action) -> String? {
            let keys = map.keys(for: a, in: context)
            // Named keys read better in a hint (↑ rather than k) for movement.
            let named = keys.first { if case .char = $0 { return false } else { return true } }
            if a == .moveUp || a == .moveDown { return (named ?? keys.first)?.label }
            return keys.first?.label
        }
        var list: [(String, String)] = []
        func add(_ a: Action, _ label: String? = nil) {
            if let k = key(a) { list.append((k, label ?? a.help)) }
        }
        if state.overlay != .none {
            add(.back, "close")
        } else if state.screen == .list {
            if case .applied = state.filter {
                add(.back, "clear filter")
            } else if state.tab == .recoveryPoints, state.pointsVault != nil {
                add(.back, "all vaults")
            }
            if let up = key(.moveUp), let down = key(.moveDown) { list.append((up + down, "move")) }
            add(.open, openHint(state))
            if state.tab == .alerts {
                add(.acknowledge, "ack")
                add(.toggleUnacknowledged, "unacked")
            }
            add(.filter)
            add(.sort)
            add(.nextTab, "next tab")
            add(.nextTheme)
            add(.togglePause, "pause")
        } else {
            add(.back)
            if case .vaultDetail = state.screen { add(.open, "its recovery points") }
            if case .alertDetail(let id) = state.screen, !state.account.isAcknowledged(id) { add(.acknowledge) }
            if case .checkDetail = state.screen, let up = key(.moveUp), let down = key(.moveDown) {
                list.append((up + down, "scroll"))
            }
            add(.nextTab, "next tab")
        }
        if state.overlay == .none {
            add(.help)
            add(.quit)
        }
        return list
    }

    static func openHint(_ state: AppState) -> String {
        switch state.tab {
        case .vaults: return "details"
        case .recoveryPoints: return "why / why not"
        case .alerts: return "details"
        case .guardrails: return "deciding statements"
        }
    }
}
