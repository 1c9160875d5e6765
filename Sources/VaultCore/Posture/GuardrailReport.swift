import Foundation

/// Every posture check of the account at one instant: per vault, then for the account.
public struct GuardrailReport: Equatable, Sendable {
    public var results: [PostureResult]
    public var evaluatedAt: Date

    public init(results: [PostureResult], evaluatedAt: Date) {
        self.results = results
        self.evaluatedAt = evaluatedAt
    }

    public func results(for subject: PostureSubject) -> [PostureResult] { results.filter { $0.subject == subject } }

    /// Subjects in report order: the account first, then vaults by name.
    public var subjects: [PostureSubject] {
        var seen = Set<PostureSubject>()
        return results.map(\.subject).filter { seen.insert($0).inserted }
    }

    /// The worst verdict of a subject's checks; nil when it has none.
    public func worst(for subject: PostureSubject) -> PostureVerdict? { results(for: subject).map(\.verdict).max() }

    public func count(_ verdict: PostureVerdict) -> Int { results.count { $0.verdict == verdict } }

    public var hasFailures: Bool { results.contains { $0.verdict == .fail } }

    /// The first instant a verdict changes by itself; until then, and until the account
    /// changes, the report stands.
    public var validUntil: Date? { results.compactMap(\.deadline).min() }

    /// The same report with the recovery-point checks judged again: what changes when only
    /// points arrived or expired.
    public func refreshingRecency(_ inputs: GuardrailInputs, at now: Date) -> GuardrailReport {
        var copy = self
        for (i, result) in results.enumerated() where result.checkId == RecoveryPointRecency.checkId {
            guard let vault = result.subject.vault else { continue }
            copy.results[i] = inputs.state.recency.result(
                for: vault, settings: inputs.settings, now: now,
                unreadable: inputs.state.unreadable("ListRecoveryPointsByBackupVault", vault: vault))
        }
        copy.evaluatedAt = now
        return copy
    }
}

/// What the posture checks read: the account state with its stored policies, the alert rules,
/// SCPs the operator supplied besides those in the store, and the settings.
public struct GuardrailInputs: Sendable {
    public var state: AccountState
    public var rules: [AlertRule]
    /// SCP documents from files, by name; added to the store's.
    public var suppliedSCPs: [GuardrailPolicy]
    public var settings: GuardrailSettings
    /// The SCPs per level of the organization, the root first and the account last, each level the
    /// documents attached there (FullAWSAccess included when it is). When set, the checks weigh these
    /// instead of `serviceControlPolicies`, which is taken as one level (see
    /// `ServiceControlPolicies.init(flat:)`).
    public var serviceControlPolicyLevels: [[GuardrailPolicy]]?
    /// The organization's management account, which SCPs do not bind.
    public var managementAccount: String?
    /// The rules the command was given (its defaults when `rulesAreDefaults`), before any read
    /// from the accounts joined them.
    public var configuredRules: [AlertRule]
    public var rulesAreDefaults: Bool

    /// - Parameter rulesAreDefaults: `rules` are the command's defaults (no rule was configured):
    ///   the EventBridge rules a source read from the account, when there are any, are judged instead
    ///   of them; configured rules are judged beside the account's.
    public init(
        state: AccountState, rules: [AlertRule], rulesAreDefaults: Bool = false, suppliedSCPs: [GuardrailPolicy] = [],
        settings: GuardrailSettings, serviceControlPolicyLevels: [[GuardrailPolicy]]? = nil, managementAccount: String? = nil
    ) {
        self.state = state
        self.configuredRules = rules
        self.rulesAreDefaults = rulesAreDefaults
        let read = Self.readRules(from: state, admins: settings.adminArns)
        let accountsRead = state.syncBySource.values.contains { $0.readsEventRules == true }
        self.rules = read.isEmpty && !accountsRead ? rules : (rulesAreDefaults ? read : rules + read)
        self.suppliedSCPs = suppliedSCPs
        self.settings = settings
        self.serviceControlPolicyLevels = serviceControlPolicyLevels
        self.managementAccount = managementAccount
        if serviceControlPolicyLevels == nil, let read = Self.levels(from: state, supplied: suppliedSCPs) {
            self.serviceControlPolicyLevels = read.levels
            self.managementAccount = managementAccount ?? read.managementAccount
        }
    }

    /// The SCPs that apply: the store's current ones (detached ones have no document) and the
    /// supplied ones, which win on a name clash.
    public var serviceControlPolicies: [GuardrailPolicy] {
        var byName = state.serviceControlPolicies.filter { $0.value.document != nil }
        for policy in suppliedSCPs { byName[policy.name] = policy }
        return byName.values.sorted { $0.name < $1.name }
    }
}

public enum PostureChecks {
    /// Runs every check at `now`.
    public static func evaluate(_ inputs: GuardrailInputs, at now: Date) -> GuardrailReport {
        let settings = inputs.settings
        let policies = PolicyInputs(inputs)
        let vaults = inputs.state.sortedVaults.filter { settings.covers(vault: $0.key) }
        var results = [AlertCoverageCheck.enabledResult(inputs.accountAlertRules)]
        results.append(ScpCheck.result(inputs, policies: policies, vaults: vaults))
        for vault in vaults {
            results += LockChecks.results(for: vault, settings: settings, now: now)
            results.append(KeyCheck.result(for: vault))
            results += PolicyChecks.results(for: vault, inputs: inputs, policies: policies)
            results.append(
                AlertCoverageCheck.result(for: vault, rules: inputs.alertRules(for: vault.key), settings: settings, now: now))
            results.append(
                inputs.state.recency.result(
                    for: vault.key, settings: settings, now: now,
                    unreadable: inputs.state.unreadable("ListRecoveryPointsByBackupVault", vault: vault.key)))
        }
        return GuardrailReport(results: results, evaluatedAt: now)
    }
}
