import VaultCore
import VaultDemo

/// The alert rule and guardrail settings a store is judged by when no file gives them, found the
/// same way by every command, so one store gives one answer in the dashboard and in
/// `guardrails check`: the demo's store (profile `demo`, `--demo`, `--source demo`, or a store
/// the demo wrote) is judged by the demo's own rule and admins; any other by the seeds' rule and
/// admins of its central account.
enum GuardrailDefaults {
    struct Chosen {
        var rules: [AlertRule]
        var settings: GuardrailSettings
        var isDemo: Bool
    }

    static func choose(profile: String?, demo: Bool, state: AccountState? = nil, account: String? = nil) -> Chosen {
        let isDemo = demo || profile == "demo" || state?.lastSync?.source == "demo"
        if isDemo { return Chosen(rules: [DemoAccount.alertRule], settings: DemoAccount.guardrailSettings, isDemo: true) }
        let accountId = account ?? state?.sortedVaults.first?.accountId ?? DemoAccount.accountId
        return Chosen(rules: [AlertRule.seed(account: accountId)], settings: .seed(account: accountId), isDemo: false)
    }
}
