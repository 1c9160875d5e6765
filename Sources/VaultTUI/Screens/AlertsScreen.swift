import Foundation
import VaultCore

/// The Alerts tab: who tried what on which vault, the outcome, and whether it is acknowledged.
enum AlertsScreen {
    static let table = Table(columns: [
        Column(title: "TIME", width: 11, priority: 8),
        Column(title: "SEV", width: 4, priority: 6),
        Column(title: "ACTION", width: 17, flex: 2, priority: 9),
        Column(title: "PRINCIPAL", width: 12, flex: 2, priority: 9),
        Column(title: "VAULT", width: 10, flex: 1, priority: 7),
        Column(title: "OUTCOME", width: 12, flex: 1, priority: 5),
        Column(title: "ACK", width: 5, priority: 9),
    ])

    static func draw(into grid: inout Grid, _ state: AppState, _ layout: Layout) {
        let rows = state.alertRows
        let (listRect, paneRect) = layout.split(.alerts, rowCount: rows.count)
        let account = state.account
        var position: String?
        if rows.isEmpty {
            grid.write(emptyText(state), x: 2, y: listRect.y + 1, role: .muted)
        } else {
            let (shown, original) = table.inserting(Table.whereColumn, at: 4, when: account.spansAccountsOrRegions)
            position = shown.draw(
                into: &grid, rect: listRect, rowCount: rows.count, top: state.scrollTop[.alerts] ?? 0,
                selected: state.selectedIndex(.alerts)
            ) { row, drawn in
                let a = rows[row]
                let acked = account.isAcknowledged(a.id)
                let base: Role = acked ? .alertAcknowledged : .normal
                guard let column = original(drawn) else { return (Table.whereText(accountId: a.accountId, region: a.region), base) }
                switch column {
                case 0: return (Format.shortTime(a.time), .muted)
                case 1: return a.severity == .critical ? ("CRIT", .critical) : ("warn", acked ? base : .warning)
                case 2: return (a.action, acked ? base : .emphasis)
                case 3: return (a.principal.displayName, base)
                case 4: return (a.vaultName ?? "–", base)
                case 5: return (a.outcome, a.outcome == "succeeded" ? .danger : base)
                default:
                    if state.acknowledging.contains(a.id) { return ("…", .status) }
                    return acked ? ("acked", .alertAcknowledged) : ("NEW", .alertNew)
                }
            }
        }
        guard let paneRect, let alert = state.currentAlert else { return }
        let content = Pane.frame(into: &grid, rect: paneRect, title: "alert \(alert.shortId)", side: false, position: position)
        summary(alert, state, compact: true).draw(into: &grid, rect: content)
    }

    static func emptyText(_ state: AppState) -> String {
        if state.snapshot.loading && state.snapshot.pointsLoad == nil { return "Loading alerts…" }
        if !state.filter.text.isEmpty { return "No alert matches “\(state.filter.text)”. Esc clears the filter." }
        if state.unacknowledgedOnly { return "Every alert is acknowledged. u shows them all." }
        return "No unauthorized attempts so far."
    }

    static func summary(_ a: Alert, _ state: AppState, compact: Bool) -> Prose {
        var p = Prose()
        p.labelWidth = 10
        let who = a.principal
        p.add("Who", "\(who.displayName) (\(who.kind.rawValue)) · \(who.judgedArn)")
        var what = "\(a.action) on \(a.vaultName ?? "no vault")"
        if state.account.spansAccountsOrRegions, !a.accountId.isEmpty {
            what += " in \(Table.whereText(accountId: a.accountId, region: a.region))"
        }
        if !compact, let rp = a.recoveryPointArn { what += " · \(rp)" }
        p.add("What", what)
        p.add("When", "\(UTC.second(a.time)) UTC (\(Elapsed.ago(a.time, now: state.now)))" + (a.sourceIPAddress.map { " from \($0)" } ?? ""))
        if let ack = state.account.acknowledgement(of: a.id) {
            p.add("Acked", "by \(ack.by) at \(UTC.minute(ack.at))" + (ack.note.map { ": “\($0)”" } ?? ""), .alertAcknowledged)
        } else if state.acknowledging.contains(a.id) {
            p.add("Acked", "recording…", .status)
        } else {
            p.add("Acked", "not yet" + (state.readOnly ? "" : " — press a to acknowledge"), .alertNew)
        }
        let outcome =
            a.outcome == "succeeded"
            ? "SUCCEEDED — a guardrail did not hold"
            : "\(a.outcome) — \(a.errorMessage ?? "refused")"
        p.add("Outcome", outcome, a.outcome == "succeeded" ? .danger : .normal)
        return p
    }
}
