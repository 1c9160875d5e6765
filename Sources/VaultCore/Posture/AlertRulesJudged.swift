import Foundation

/// The alert rules the alert checks judge, and where they come from: the rules the command was
/// given (vaultwatch's defaults unless configured), or those a source read from the account, or
/// nothing known because the account's rules could not be read.
public enum AlertRulesJudged: Sendable {
    /// `rules`, with the reason to give when there are none.
    case rules([AlertRule], whenNone: String)
    /// The account's rules could not be read; `reason` says why.
    case unknown(String)

    static let noneConfigured = "No alert rule is configured."
}

extension GuardrailInputs {
    /// The rules that judge calls on `vault`. When a source reads the EventBridge rules of the
    /// vault's account and region, those rules are what raises an alert there (beside any the
    /// command was configured with, never vaultwatch's defaults): none read means none exist. When
    /// that read was refused, the answer is unknown, not the defaults'.
    public func alertRules(for vault: VaultKey) -> AlertRulesJudged {
        let readers = state.syncBySource.values
            .filter { $0.readsEventRules == true && $0.accountId == vault.accountId && $0.region == vault.region }
            .sorted { $0.source < $1.source }
        guard !readers.isEmpty else { return .rules(rules, whenNone: AlertRulesJudged.noneConfigured) }
        let extra = rulesAreDefaults ? [] : configuredRules
        if let refused = readers.lazy.compactMap(\.refusedRuleListing).first {
            guard extra.isEmpty else { return .rules(extra, whenNone: AlertRulesJudged.noneConfigured) }
            return .unknown("The EventBridge rules of \(vault.accountId) \(vault.region) could not be read (\(refused)).")
        }
        let own = Self.readRules(
            from: state, admins: settings.adminArns, accountId: vault.accountId, region: vault.region)
        return .rules(
            extra + own,
            whenNone: "No EventBridge rule of \(vault.accountId) \(vault.region) concerns AWS Backup's calls "
                + "(its rules were read): nothing raises an alert when someone tries.")
    }

    /// The rules of the account-wide check: every rule read and configured; unknown when every
    /// account whose rules a source reads refused the listing and nothing else is known.
    public var accountAlertRules: AlertRulesJudged {
        let readers = state.syncBySource.values.filter { $0.readsEventRules == true }
        guard !readers.isEmpty else { return .rules(rules, whenNone: AlertRulesJudged.noneConfigured) }
        let refused = readers.compactMap(\.refusedRuleListing).sorted()
        if refused.count == readers.count, rules.isEmpty {
            return .unknown("The accounts' EventBridge rules could not be read (\(refused[0])).")
        }
        return .rules(
            rules, whenNone: "No EventBridge rule concerning AWS Backup's calls was found in the accounts read, "
                + "and none is configured.")
    }
}

extension SyncStatus {
    /// Why the source's listing of EventBridge rules was refused, when it was.
    var refusedRuleListing: String? { degraded?.first { $0.hasPrefix("ListRules on ") } }
}
