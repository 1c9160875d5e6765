import Foundation
import VaultCore

/// The Vaults tab: every vault with its lock state (and live countdown), retention bounds and
/// points; the selected vault's lock explained in the pane.
enum VaultsScreen {
    static let table = Table(columns: [
        Column(title: "NAME", width: 12, flex: 2, priority: 9, maxWidth: 50),
        Column(title: "LOCK", width: 10, flex: 1, priority: 9, maxWidth: 24),
        Column(title: "MIN", width: 5, alignRight: true, priority: 6),
        Column(title: "MAX", width: 6, alignRight: true, priority: 6),
        Column(title: "POINTS", width: 8, alignRight: true, priority: 5),
        Column(title: "NEWEST", width: 10, priority: 3),
        Column(title: "KEY", width: 9, flex: 1, priority: 1),
    ])

    static func draw(into grid: inout Grid, _ state: AppState, _ layout: Layout) {
        let rows = state.vaultRows
        let (shownTable, _) = table.inserting(Table.whereColumn, at: 1, when: state.account.spansAccountsOrRegions)
        let names = rows.reduce(0) { max($0, DisplayWidth.of(InertText.make(String($1.name.prefix(64))))) }
        let natural = shownTable.columns.map { $0.title == "NAME" ? names : 0 }
        let (listRect, paneRect) = layout.split(
            .vaults, rowCount: rows.count, listWidth: shownTable.neededWidth(natural: natural, sort: state.order(.vaults)))
        let now = state.now
        var position: String?
        if rows.isEmpty {
            grid.write(emptyText(state), x: 2, y: listRect.y + 1, role: .muted)
        } else {
            let (shown, original) = table.inserting(Table.whereColumn, at: 1, when: state.account.spansAccountsOrRegions)
            position = shown.draw(
                into: &grid, rect: listRect, rowCount: rows.count, top: state.scrollTop[.vaults] ?? 0,
                selected: state.selectedIndex(.vaults), sort: state.order(.vaults)
            ) { row, drawn in
                let v = rows[row]
                guard let column = original(drawn) else { return (Table.whereText(accountId: v.accountId, region: v.region), .muted) }
                let lock = v.lockState(at: now)
                let points = state.account.pointsByVault[v.key]
                switch column {
                case 0: return (v.name, .normal)
                case 1: return (Format.lock(lock, now: now), Format.role(lock))
                case 2: return (Format.days(v.lock?.minRetentionDays), .normal)
                case 3: return (Format.days(v.lock?.maxRetentionDays), .normal)
                case 4:
                    if points == nil, state.snapshot.pointsLoad?.pendingVaults.contains(v.key) == true { return ("…", .muted) }
                    // Points that could not be read are not "0": the pane says why.
                    if points?.isEmpty ?? true, state.account.unreadable("ListRecoveryPointsByBackupVault", vault: v.key) != nil {
                        return ("?", .warning)
                    }
                    return (Format.count(points?.count ?? 0), .normal)
                case 5: return (points?.newestCreation.map { Elapsed.ago($0, now: now) } ?? "–", .muted)
                default:
                    return (v.encryptionKeyType == .customerManaged ? "customer" : (v.encryptionKeyType == nil ? "–" : "AWS owned"), .muted)
                }
            }
        }
        if let paneRect, let vault = state.currentVault {
            let side = layout.width >= Layout.sidePaneWidth
            let status = ListStatus.text(state, tab: .vaults, position: position)
            let content = Pane.frame(into: &grid, rect: paneRect, title: vault.name, side: side, position: side ? nil : status)
            if side { Chrome.listStatusOnTabLine(into: &grid, status) }
            summary(vault, state, compact: false).draw(into: &grid, rect: content)
        }
    }

    static func emptyText(_ state: AppState) -> String {
        if state.snapshot.loading && state.snapshot.pointsLoad == nil {
            return "Loading vaults…" + (state.storeLockHolder.map { " waiting for \($0) to release the store" } ?? "")
        }
        if !state.filter.text.isEmpty { return "No vault matches “\(state.filter.text)”. Esc clears the filter." }
        if state.snapshot.sourceName == "store" {
            return "This store holds no vaults and nothing feeds it yet. Try: vaultwatch demo"
        }
        if state.snapshot.sourceName == "demo" { return "Setting up the demo's central backup account…" }
        return "No vaults yet. The first sync has not reported any."
    }

    /// The lock explained: the same words in the pane and, at more length, in the detail screen.
    static func summary(_ vault: Vault, _ state: AppState, compact: Bool) -> Prose {
        let now = state.now
        let lock = vault.lockState(at: now)
        var p = Prose()
        switch lock {
        case .unlocked:
            p.add("Lock", "none", .lockNone)
            p.add("", "Deletions are stopped only by IAM, the vault access policy and SCPs.")
        case .governance:
            p.add("Lock", "governance mode (no lock date)", .lockGovernance)
            p.add("", "Whoever may call DeleteBackupVaultLockConfiguration can remove it.")
        case .complianceGrace(let until):
            p.add("Lock", "compliance, in its cooling-off period", .lockGrace)
            // A no-break space keeps "2d 03:12:44" on one line when the text wraps.
            let left = Countdown(to: until, now: now).clock.replacingOccurrences(of: " ", with: "\u{00A0}")
            p.add("", "becomes permanent in \(left)", .countdown)
            p.add("", "After \(UTC.minute(until)) this lock can no longer be changed or removed, not even by root.")
        case .complianceLocked(let since):
            p.add("Lock", "compliance, permanent since \(UTC.minute(since))", .lockCompliance)
            p.add("", "Nobody, not even root, can change or remove it, or delete a point before it expires.")
        }
        if let l = vault.lock {
            p.add("Retention", "new backups and copies must keep \(l.retentionWindow)")
        }
        p.add("Key", Format.key(vault), vault.encryptionKeyType == .customerManaged ? .normal : .warning)
        if let report = state.guardrailReport, let worst = report.worst(for: .vault(vault.key)) {
            let results = report.results(for: .vault(vault.key))
            let counts = PostureVerdict.allCases.reversed().compactMap { verdict -> String? in
                let n = results.count { $0.verdict == verdict }
                return n == 0 ? nil : "\(n) \(verdict.rawValue)"
            }
            let key = state.keyMap.keys(for: .showGuardrails, in: .global).first?.label
            p.add(
                "Guardrails", counts.joined(separator: " · ") + (key.map { " — \($0) shows why" } ?? ""),
                GuardrailsScreen.role(worst))
        }
        if let list = state.account.pointsByVault[vault.key], !list.isEmpty {
            var text = "\(Format.count(list.count)) · \(Format.bytes(list.totalBytes))"
            if let next = list.nextDeletion(after: now) {
                text += " · next expiry \(Elapsed.until(next, now: now))"
            }
            p.add("Points", text)
        } else if state.snapshot.pointsLoad?.pendingVaults.contains(vault.key) == true {
            p.add("Points", "not loaded yet", .muted)
        } else if let why = state.account.unreadable("ListRecoveryPointsByBackupVault", vault: vault.key) {
            p.add("Points", "unknown: could not be read (\(why))", .warning)
        } else {
            p.add("Points", "none")
        }
        let failed = state.account.recentJobs(in: vault.key, limit: 50).filter { $0.state == .failed }
        if let last = failed.first {
            p.add("Refused", "\(failed.count) recent job\(failed.count == 1 ? "" : "s"); last \(Elapsed.ago(last.creationDate, now: now)): \(last.statusMessage ?? "failed")", .warning)
        }
        if !compact { p.add("ARN", vault.arn, .muted) }
        return p
    }
}
