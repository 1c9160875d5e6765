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
        // Nothing on screen moves while the worker waits for another process: say why first.
        if let holder = state.storeLockHolder { parts.append(("store locked by \(holder)", .headerWarning)) }
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
        // Said in real time: a demo at an hour a second syncs every half second, not every 30 minutes.
        let age = state.now.timeIntervalSince(good.at) / max(state.simulatedSpeed ?? 1, 1)
        let text = age < 5 ? "synced just now" : "synced \(Elapsed.ago(state.now.addingTimeInterval(-age), now: state.now))"
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

    /// The tab line's pieces at a width: each tab's title, the gap between them and the clock.
    /// The most telling form that fits is chosen, so the clock never disappears.
    struct TabLine {
        var titles: [String]
        var gap: Int
        var clock: String

        var tabsWidth: Int { titles.reduce(0) { $0 + DisplayWidth.of($1) + 2 } + gap * (titles.count - 1) + 1 }

        static func make(_ state: AppState, width: Int) -> TabLine {
            var candidates: [TabLine] = []
            for clock in clocks(state, width: width) {
                for style in 0..<3 {
                    candidates.append(TabLine(titles: Tab.allCases.map { title($0, state, style: style) }, gap: style == 0 ? 2 : 1, clock: clock))
                }
            }
            return candidates.first { $0.tabsWidth + DisplayWidth.of($0.clock) + 2 <= width } ?? candidates.last!
        }

        /// Style 0: full titles; 1: short ones; 2: short ones with the counts alone.
        static func title(_ tab: Tab, _ state: AppState, style: Int) -> String {
            var title = "\(tab.rawValue + 1) \(style == 0 ? tab.title : tab.shortTitle)"
            if tab == .alerts, state.account.unacknowledgedAlertCount > 0 {
                title += " (\(state.account.unacknowledgedAlertCount))"
            }
            if tab == .recoveryPoints, let v = state.pointsVault, style == 0 { title += ": \(v.name)" }
            if tab == .guardrails, case let failed = state.guardrailFailures, failed > 0 {
                title += style == 2 ? " (\(failed)✗)" : " (\(failed) FAIL)"
            }
            return title
        }

        /// The clock, most telling first. A simulated clock (the demo) always says so, with its date.
        static func clocks(_ state: AppState, width: Int) -> [String] {
            let stamp = UTC.second(state.now)  // 2026-11-23 14:02:11
            guard state.timeIsSimulated else {
                return ["\(stamp) UTC", "\(UTC.timeOfDay(state.now)) UTC"]
            }
            let speed = state.simulatedSpeed ?? 1
            let times = speed == 1 ? "" : " ×\(Format.count(Int(speed.rounded())))"
            return ["simulated \(stamp) UTC\(times)", "simulated \(stamp)\(times)", "sim \(stamp.prefix(16))", "sim \(stamp.dropFirst(5).prefix(11))"]
        }
    }

    static func tabs(into grid: inout Grid, _ state: AppState) {
        grid.fill(y: 1, role: .normal)
        let line = TabLine.make(state, width: grid.width)
        var x = 1
        for (tab, title) in zip(Tab.allCases, line.titles) {
            let active = tab == state.tab
            let shown = active ? "[\(title)]" : " \(title) "
            x += grid.write(shown, x: x, y: 1, role: active ? .tabActive : .tabInactive, maxWidth: 40) + line.gap
        }
        let w = DisplayWidth.of(line.clock)
        if x + w < grid.width {
            grid.write(line.clock, x: grid.width - w - 1, y: 1, role: state.timeIsSimulated ? .status : .muted)
        }
    }

    /// The list's status (filter, order, position) on the tab line, between the tabs and the
    /// clock: where it goes when the pane is beside the list.
    static func listStatusOnTabLine(into grid: inout Grid, _ text: String) {
        // The tab line is drawn before the list, so its layout is known: the status goes after
        // the last tab, right-aligned against the clock.
        var end = grid.width - 1
        while end > 0, grid[end, 1].grapheme == " " { end -= 1 }
        var clockStart = end
        while clockStart > 0, !(grid[clockStart - 1, 1].grapheme == " " && grid[clockStart - 2, 1].grapheme == " ") {
            clockStart -= 1
        }
        var tabsEnd = clockStart - 1
        while tabsEnd > 0, grid[tabsEnd, 1].grapheme == " " { tabsEnd -= 1 }
        let room = clockStart - tabsEnd - 5
        guard room > 10 else { return }
        let w = min(DisplayWidth.of(InertText.make(text)), room)
        grid.write(text, x: clockStart - 2 - w, y: 1, role: .status, maxWidth: w)
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
        if let status = state.status, state.statusTab == nil || state.statusTab == state.tab {
            x += grid.write(status, x: 1, y: y, role: state.statusIsError ? .danger : .status, maxWidth: grid.width - 20)
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
        // A detail is measured once for every hint.
        let detail = state.screen == .list ? nil : DetailScreen.measure(state)
        func add(_ a: Action, _ label: String? = nil) {
            if a.isAvailable(in: state, detail: detail), let k = key(a) { list.append((k, label ?? a.help)) }
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
            add(.acknowledge)
            if (detail?.maxScroll ?? 0) > 0, let up = key(.moveUp), let down = key(.moveDown) {
                list.append((up + down, "scroll"))
            }
            add(.toggleFullValues, state.fullValues ? "cut long values" : "long values whole")
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
