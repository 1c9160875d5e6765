import Foundation
import VaultCore

/// One alert in full: the call, the principal behind it, why it has its severity, and every
/// acknowledgement on record.
enum AlertDetail {
    static func content(_ state: AppState, id: String, width: Int) -> DetailContent {
        guard let alert = state.account.alert(id: id) else {
            return .missing("Alert \(Alert.shortId(of: id)) is not in the store. Esc goes back.", width: width)
        }
        let assessment = state.assessment(of: alert)
        var p = AlertsScreen.summary(alert, state, compact: false)
        p.valueLimit = state.fullValues ? nil : Prose.detailLimit
        p.add("Severity", assessment.explanation, AlertsScreen.role(assessment.severity))
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
        return DetailContent(
            title: "\(assessment.severity.word.uppercased()) · alert \(alert.id)",
            titleRole: AlertsScreen.role(assessment.severity), body: DetailContent.prose(p, width: width), cutsValues: p.cutsValues)
    }
}
