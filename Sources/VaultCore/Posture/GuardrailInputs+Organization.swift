import Foundation

extension GuardrailInputs {
    /// The SCP levels of the organization path a source read for the store's account (root first),
    /// each level the stored SCPs attached there; `--scp` files join the account's own level, and
    /// stand in for a stored SCP of the same name wherever it is attached (as they do in a flat list).
    /// Nil when no path is known, or the store holds several accounts (each has its own path; the
    /// flat list is judged then), or the path could not be read.
    public static func levels(
        from state: AccountState, supplied: [GuardrailPolicy]
    ) -> (levels: [[GuardrailPolicy]], managementAccount: String?)? {
        let accounts = Set(state.vaults.keys.map(\.accountId))
        guard accounts.count == 1, let account = accounts.first, let path = state.organizationPaths[account],
            path.unavailable == nil, !path.levels.isEmpty
        else { return nil }
        var byId: [String: GuardrailPolicy] = [:]
        for policy in state.serviceControlPolicies.values where policy.document != nil {
            if let id = policy.policyId { byId[id] = policy }
        }
        let standIns = Set(supplied.map(\.name))
        var levels = path.levels.map { level in
            level.policyIds.compactMap { byId[$0] }.filter { !standIns.contains($0.name) }
        }
        levels[levels.count - 1] += supplied
        return (levels, path.managementAccountId)
    }

    /// The EventBridge rules a source read from the accounts (`describe-rule` with its targets), as
    /// alert rules; one that cannot be read as a rule is left out (its pattern is EventBridge's to
    /// judge, not a check's). A rule names no admins: the settings' are its.
    static func readRules(
        from state: AccountState, admins: [String], accountId: String? = nil, region: String? = nil
    ) -> [AlertRule] {
        state.eventRules.keys.sorted().compactMap { name -> AlertRule? in
            guard let policy = state.eventRules[name],
                accountId.map({ $0 == policy.accountId }) ?? true, region.map({ $0 == policy.region }) ?? true,
                let text = policy.document,
                var rule = try? AlertRule.definition(Data(text.utf8), fallbackName: name)
            else { return nil }
            if rule.adminArns.isEmpty { rule.adminArns = admins }
            return rule
        }
    }

    /// Why the store's organization path could not be read, when a source tried and was refused:
    /// the SCP check says so instead of asking for files it could have read itself.
    public var organizationUnavailable: String? {
        state.organizationPaths.values.compactMap(\.unavailable).sorted().first
    }
}
