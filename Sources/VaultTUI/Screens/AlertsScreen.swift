import Foundation
import VaultCore

/// The Alerts tab: who tried what on which vault, the outcome, how severe, and whether it is
/// acknowledged. Columns are sized by what one triages on: the action in a short form that keeps
/// lock, notification and policy changes apart, the principal and vault whole where they fit.
enum AlertsScreen {
    static let table = Table(columns: [
        Column(title: "TIME", width: 5, priority: 8),
        Column(title: "SEV", width: 4, priority: 8),
        Column(title: "ACTION", width: 16, flex: 3, priority: 9, maxWidth: 36),
        Column(title: "PRINCIPAL", width: 10, flex: 2, priority: 9, maxWidth: 40),
        Column(title: "VAULT", width: 8, flex: 1, priority: 7, maxWidth: 40),
        Column(title: "OUTCOME", width: 9, flex: 1, priority: 5, maxWidth: 24),
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
            // Whole action names where the screen has room for them; short ones that stay apart where not.
            let wholeActions = listRect.width >= 150
            position = shown.draw(
                into: &grid, rect: listRect, rowCount: rows.count, top: state.scrollTop[.alerts] ?? 0,
                selected: state.selectedIndex(.alerts), sort: state.order(.alerts)
            ) { row, drawn in
                let a = rows[row]
                let acked = account.isAcknowledged(a.id)
                let base: Role = acked ? .alertAcknowledged : .normal
                guard let column = original(drawn) else { return (Table.whereText(accountId: a.accountId, region: a.region), base) }
                switch column {
                case 0: return (time(a.time, now: state.now), .muted)
                case 1:
                    let severity = state.assessment(of: a).severity
                    return (severity.label, acked ? base : role(severity))
                case 2: return (wholeActions ? a.action : ActionName.short(a.action), acked ? base : .emphasis)
                case 3: return (principalText(a, state), state.assessment(of: a).looksLike != nil ? .danger : base)
                case 4: return (a.vaultName ?? "–", base)
                case 5: return (a.outcome, a.outcome == "succeeded" ? .danger : base)
                default:
                    if state.acknowledging.contains(a.id) { return ("…", .status) }
                    return acked ? ("acked", .alertAcknowledged) : ("NEW", .alertNew)
                }
            }
        }
        guard let paneRect, let alert = state.currentAlert else { return }
        let content = Pane.frame(
            into: &grid, rect: paneRect, title: "alert \(alert.shortId)", side: false,
            position: ListStatus.text(state, tab: .alerts, position: position))
        summary(alert, state, compact: true).draw(into: &grid, rect: content)
    }

    /// `13:59` for today (UTC), `11-22` before: five columns; the detail gives the second.
    static func time(_ date: Date, now: Date) -> String {
        let stamp = UTC.second(date)  // 2026-11-23 14:02:11
        return stamp.prefix(10) == UTC.second(now).prefix(10) ? String(stamp.dropFirst(11).prefix(5)) : String(stamp.dropFirst(5).prefix(5))
    }

    /// The principal, flagged when it reads as an admin it is not.
    static func principalText(_ a: Alert, _ state: AppState) -> String {
        (state.assessment(of: a).looksLike != nil ? "≠" : "") + a.principal.displayName
    }

    static func role(_ severity: AlertSeverity) -> Role {
        switch severity {
        case .critical: return .critical
        case .high: return .danger
        case .medium: return .warning
        case .low: return .muted
        }
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
        if let admin = state.assessment(of: a).looksLike {
            p.add("", "LOOKS LIKE the admin role \(LookAlike.name(of: admin)), is not: \(Visible.codePoints(LookAlike.name(of: who.judgedArn)))", .danger)
        }
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

/// How a name that reads as another is shown for what it is: every character outside printable
/// ASCII as its code point (`BackupVaultAdm<U+0456>n`, `BackupVaultAdmin<U+0020>` for a trailing space).
enum Visible {
    static func codePoints(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let trailingSpace = s == " " && scalars[(i + 1)...].allSatisfy { $0 == " " }
            if s.value >= 0x21 && s.value < 0x7F && !trailingSpace {
                out.unicodeScalars.append(s)
            } else {
                out += String(format: "<U+%04X>", s.value)
            }
        }
        return out
    }
}
