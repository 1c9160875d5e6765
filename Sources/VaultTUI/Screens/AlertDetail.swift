import Foundation
import VaultCore

/// One alert in full: the call, the principal behind it, and every acknowledgement on record.
enum AlertDetail {
    static func draw(into grid: inout Grid, _ state: AppState, id: String, rect: Rect) {
        grid.fill(rect, role: .normal)
        guard let alert = state.account.alert(id: id) else {
            grid.write("Alert \(id.prefix(8)) is not in the store. Esc goes back.", x: 2, y: rect.y + 1, role: .warning)
            return
        }
        let title = "\(alert.severity == .critical ? "CRITICAL" : "warning") · alert \(alert.id)"
        grid.write(title, x: 1, y: rect.y, role: alert.severity == .critical ? .critical : .emphasis, maxWidth: rect.width - 2)
        var p = AlertsScreen.summary(alert, state, compact: false)
        p.add("Session", alert.principal.arn, .muted)
        p.add("Account", alert.principal.accountId, .muted)
        p.add("Rule", alert.ruleName, .muted)
        p.add("Event", alert.callId, .muted)
        let history = state.account.acknowledgements[alert.id] ?? []
        if history.count > 1 {
            p.gap()
            for ack in history {
                p.add("History", "\(UTC.minute(ack.at)) \(ack.by)" + (ack.note.map { ": \($0)" } ?? ""), .muted)
            }
        }
        p.draw(into: &grid, rect: Rect(x: 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1))
    }
}
