import Foundation
import VaultCore

/// The Guardrails tab: every posture check, per vault and for the account, PASS/WARN/FAIL/UNKNOWN
/// with its reason; the selected check's evidence (the deciding statements) in the pane, and in
/// full one key away.
enum GuardrailsScreen {
    static let table = Table(columns: [
        Column(title: "VERDICT", width: 9, priority: 9),
        Column(title: "VAULT", width: 10, flex: 1, priority: 8, maxWidth: 40),
        Column(title: "CHECK", width: 24, priority: 9),
        Column(title: "REASON", width: 20, flex: 9, priority: 5, maxWidth: 400),
    ])

    static func draw(into grid: inout Grid, _ state: AppState, _ layout: Layout) {
        let rows = state.guardrailRows
        let (listRect, paneRect) = layout.split(.guardrails, rowCount: rows.count)
        var position: String?
        if rows.isEmpty {
            grid.write(emptyText(state), x: 2, y: listRect.y + 1, role: .muted, maxWidth: listRect.width - 3)
        } else {
            position = table.draw(
                into: &grid, rect: listRect, rowCount: rows.count, top: state.scrollTop[.guardrails] ?? 0,
                selected: state.selectedIndex(.guardrails), sort: state.order(.guardrails)
            ) { row, column in
                let r = rows[row].result
                switch column {
                case 0: return (r.verdict.rawValue, role(r.verdict))
                case 1: return (rows[row].subjectText, r.subject == .account ? .muted : .normal)
                case 2: return (shortTitle(r), .normal)
                default: return (r.reason, .muted)
                }
            }
        }
        guard let paneRect, let row = state.currentCheck else { return }
        let content = Pane.frame(
            into: &grid, rect: paneRect, title: "\(row.subjectText) · \(row.result.checkId)", side: false,
            position: ListStatus.text(state, tab: .guardrails, position: position))
        summary(row.result, evidenceLimit: nil, now: state.now, lockDate: { state.account.vaults[$0]?.lock?.lockDate }).draw(into: &grid, rect: content)
    }

    /// A list-sized name for each check; the pane and the detail give the full title.
    static func shortTitle(_ r: PostureResult) -> String {
        let names = [
            "alerts.rule.enabled": "alert rule enabled", "org.scp.backup_guardrail": "SCP guardrail",
            "vault.lock.enabled": "lock enabled", "vault.lock.mode": "lock mode",
            "vault.lock.min_retention": "min retention", "vault.lock.max_retention": "max retention",
            "vault.kms.customer_managed": "customer-managed key", "vault.policy.denies_deletion": "policy denies deletion",
            "vault.policy.admins_exempt": "admins keep access", "vault.policy.no_public_allow": "no outside access",
            "vault.guardrails.sensitive_actions": "sensitive actions denied",
            "alerts.rule.covers_sensitive_actions": "alerts cover actions",
            "vault.recent_recovery_point": "recent recovery points",
        ]
        return names[r.checkId] ?? r.title
    }

    static func emptyText(_ state: AppState) -> String {
        if state.guardrailSetup == nil { return "Guardrail checks are not configured for this dashboard." }
        if state.snapshot.loading { return "Loading the account before checking its guardrails…" }
        if !state.filter.text.isEmpty { return "No check matches “\(state.filter.text)”. Esc clears the filter." }
        return "No vaults to check yet."
    }

    static func role(_ verdict: PostureVerdict) -> Role {
        switch verdict {
        case .pass: return .ok
        case .warn: return .warning
        case .unknown: return .muted
        case .fail: return .danger
        }
    }

    /// The verdict, its reason and the evidence, each line under its label.
    static func summary(
        _ r: PostureResult, evidenceLimit: Int?, now: Date, lockDate: ((VaultKey) -> Date?)? = nil
    ) -> Prose {
        var p = Prose()
        p.labelWidth = 9
        p.add("Check", r.title)
        p.add("Verdict", "\(r.verdict.rawValue) — \(r.reason)", role(r.verdict))
        // A lock's own deadline is the one an operator watches; other verdicts say when they turn.
        if let deadline = r.deadline, deadline > now, r.checkId != "vault.lock.mode" {
            // Counted down live, from the deadline: the verdict itself is judged once.
            let left = Countdown(to: deadline, now: now).clock.replacingOccurrences(of: " ", with: "\u{00A0}")
            p.add("Changes", "in \(left), at \(UTC.second(deadline)) UTC", .countdown)
        }
        if r.checkId == "vault.lock.mode", let vault = r.subject.vault, let until = lockDate?(vault), until > now {
            let left = Countdown(to: until, now: now).clock.replacingOccurrences(of: " ", with: "\u{00A0}")
            p.add("Permanent", "in \(left), at \(UTC.second(until)) UTC", .countdown)
        }
        let shown = evidenceLimit.map { Array(r.evidence.prefix($0)) } ?? r.evidence
        for (i, line) in shown.enumerated() {
            p.add(i == 0 ? label(for: r) : "", line, .normal)
        }
        if shown.count < r.evidence.count {
            p.add("", "… \(r.evidence.count - shown.count) more: Enter shows all", .muted)
        }
        return p
    }

    /// Statements decide policy checks; elsewhere the evidence is what was found.
    static func label(for r: PostureResult) -> String {
        r.checkId.contains("policy") || r.checkId.contains("guardrail") ? "Because" : "Found"
    }
}

/// One posture check in full: every piece of evidence, scrollable.
enum CheckDetail {
    static func row(_ state: AppState, id: String) -> GuardrailRow? {
        state.guardrailRows.first { $0.id == id }
            ?? state.guardrailReport?.results.map(GuardrailRow.init).first { $0.id == id }
    }

    static func content(_ state: AppState, id: String, width: Int) -> DetailContent {
        guard let row = row(state, id: id) else {
            return .missing("This check is no longer in the report. Esc goes back.", width: width)
        }
        var prose = GuardrailsScreen.summary(
            row.result, evidenceLimit: nil, now: state.now, lockDate: { state.account.vaults[$0]?.lock?.lockDate })
        prose.valueLimit = state.fullValues ? nil : Prose.detailLimit
        return DetailContent(
            title: "\(row.result.verdict.rawValue) · \(row.subjectText) · \(row.result.checkId)",
            titleRole: GuardrailsScreen.role(row.result.verdict), body: DetailContent.prose(prose, width: width),
            cutsValues: prose.cutsValues)
    }
}
