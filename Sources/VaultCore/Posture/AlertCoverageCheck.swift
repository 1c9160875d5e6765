import Foundation

/// Checks on the alert pipeline itself (posture-checks.md gap 6): the rules are enabled, and
/// together they raise an alert for every sensitive action on the vault by anyone but the
/// admins. Coverage is decided by running the rules, patterns included, on the very events
/// CloudTrail would deliver: a pattern that is subtly wrong (the seeds' `anything-but` on the
/// session issuer, which root and IAM users do not have) shows up as the calls it misses.
enum AlertCoverageCheck {
    static func result(
        for vault: Vault, rules judged: AlertRulesJudged, settings: GuardrailSettings, now: Date
    ) -> PostureResult {
        let id = "alerts.rule.covers_sensitive_actions"
        let title = "An alert rule covers every sensitive action"
        let subject = PostureSubject.vault(vault.key)
        let rules: [AlertRule]
        let whenNone: String
        switch judged {
        case .unknown(let reason): return PostureResult(id, title, subject: subject, verdict: .unknown, reason: reason)
        case .rules(let list, let none): (rules, whenNone) = (list, none)
        }
        // A rule that sends its events nowhere alerts nobody.
        let enabled = rules.filter { $0.isEnabled && $0.targets?.isEmpty != true }
        guard !enabled.isEmpty else {
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: rules.isEmpty ? whenNone : "No rule is both enabled and targeted.")
        }
        var missed: [String] = []
        let representatives = RepresentativePrincipal.all(account: vault.accountId, admins: settings.adminArns)
        for action in settings.sensitiveActions {
            let uncovered = representatives.filter { who in
                enabled.alert(for: call(action, by: who.principal, on: vault, at: now)) == nil
            }
            if !uncovered.isEmpty {
                missed.append("\(action) by \(uncovered.map(\.description).joined(separator: ", "))")
            }
        }
        guard !missed.isEmpty else {
            return PostureResult(
                id, title, subject: subject, verdict: .pass,
                reason: "\(names(enabled)) alert on all \(settings.sensitiveActions.count) sensitive actions "
                    + "by non-admin roles, IAM users, root, Identity Center roles and roles named like the admins.")
        }
        return PostureResult(
            id, title, subject: subject, verdict: .fail,
            reason: "\(missed.count) of \(settings.sensitiveActions.count) sensitive actions can be called "
                + "without an alert.",
            evidence: missed)
    }

    /// `alerts.rule.enabled`, for the account: at least one rule is enabled and has somewhere
    /// to send its events.
    static func enabledResult(_ judged: AlertRulesJudged) -> PostureResult {
        let id = "alerts.rule.enabled"
        let title = "An alert rule is enabled and has a target"
        let rules: [AlertRule]
        let whenNone: String
        switch judged {
        case .unknown(let reason): return PostureResult(id, title, subject: .account, verdict: .unknown, reason: reason)
        case .rules(let list, let none): (rules, whenNone) = (list, none)
        }
        let disabled = rules.filter { !$0.isEnabled }.map { "\($0.name) is DISABLED" }
        let targetless = rules.filter { $0.isEnabled && $0.targets?.isEmpty == true }.map { "\($0.name) has no target" }
        let working = rules.filter { $0.isEnabled && $0.targets?.isEmpty != true }
        guard !working.isEmpty else {
            return PostureResult(
                id, title, subject: .account, verdict: .fail,
                reason: rules.isEmpty ? whenNone : "No rule is both enabled and targeted.",
                evidence: disabled + targetless)
        }
        let how = working.map { rule in
            rule.targets.map { "\(rule.name) → \($0.joined(separator: ", "))" }
                ?? "\(rule.name): targets not known (a bare pattern); vaultwatch raises its alerts itself"
        }
        return PostureResult(
            id, title, subject: .account, verdict: disabled.isEmpty && targetless.isEmpty ? .pass : .warn,
            reason: "\(working.count) of \(rules.count) rule(s) enabled, \(working.filter { $0.targets != nil }.count) "
                + "with a known target.",
            evidence: how + disabled + targetless)
    }

    /// The CloudTrail event of `action` on `vault`, as it would reach EventBridge.
    static func call(_ action: String, by principal: Principal, on vault: Vault, at now: Date) -> ApiCall {
        let point = SensitiveAction.isRecoveryPointAction(action)
            ? "\(SensitiveAction.recoveryPointArnPrefix(of: vault))vaultwatch-check" : nil
        return ApiCall(
            id: "vaultwatch-check", time: now, action: action, principal: principal, vaultName: vault.name,
            recoveryPointArn: point, accountId: vault.accountId, region: vault.region)
    }

    private static func names(_ rules: [AlertRule]) -> String {
        rules.count == 1 ? "Rule \(rules[0].name) would" : "Rules \(rules.map(\.name).joined(separator: ", ")) would"
    }
}
