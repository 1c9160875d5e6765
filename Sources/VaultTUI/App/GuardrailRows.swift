import Foundation
import VaultCore

/// What the Guardrails tab judges the account with besides the store: the alert rules, SCPs the
/// operator supplied, and the settings (admins, floors, windows).
public struct GuardrailSetup: Sendable {
    public var rules: [AlertRule]
    /// Whether `rules` are only the defaults (the account's own rules, once read, are judged instead).
    public var rulesAreDefaults: Bool
    public var suppliedSCPs: [GuardrailPolicy]
    public var settings: GuardrailSettings

    public init(
        rules: [AlertRule], rulesAreDefaults: Bool = false, suppliedSCPs: [GuardrailPolicy] = [], settings: GuardrailSettings
    ) {
        self.rules = rules
        self.rulesAreDefaults = rulesAreDefaults
        self.suppliedSCPs = suppliedSCPs
        self.settings = settings
    }
}

/// A posture check as a row: its identity is the subject and the check, so the selection stays
/// on it while verdicts change.
public struct GuardrailRow: Equatable, Sendable {
    public var result: PostureResult

    public var id: String { "\(result.subject.vaultName ?? "")\u{1F}\(result.checkId)" }
    public var subjectText: String { result.subject.vaultName ?? "account" }
}

extension RowDerivation {
    static func guardrails(_ report: GuardrailReport?, filter: String, order: String) -> [GuardrailRow] {
        guard let report else { return [] }
        var rows = report.results.map(GuardrailRow.init)
        if !filter.isEmpty {
            let needle = Needle(filter)
            rows = rows.filter {
                needle.matches([$0.subjectText, $0.result.checkId, $0.result.title, $0.result.verdict.rawValue, $0.result.reason])
            }
        }
        guard order == "worst first" else { return rows }
        return rows.enumerated().sorted {
            $0.element.result.verdict != $1.element.result.verdict
                ? $0.element.result.verdict > $1.element.result.verdict : $0.offset < $1.offset
        }.map(\.element)
    }
}
