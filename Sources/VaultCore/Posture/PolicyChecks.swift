import Foundation

/// The access-policy and SCP controls (posture-checks.md checks 8, 9 and 13), decided by
/// evaluating the documents as IAM does, Conditions included, for the principals a guardrail must
/// stop, so each verdict names the statement that decides it.
enum PolicyChecks {
    /// What the access policy must deny to anyone but the admins: deleting or shortening a
    /// recovery point, and changing the policy or the lock.
    static let deletionActions = [
        "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "PutBackupVaultAccessPolicy",
        "DeleteBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
    ]

    /// A principal of another account and of no organization: what "public" means for a vault.
    static let outsiderArn = "arn:aws:iam::999999999999:role/OutsideTheOrganization"

    static let deniesDeletionTitle = "Access policy denies deletion and lock/policy changes to non-admins"
    static let adminsTitle = "Access policy and SCPs leave the vault admins their access"
    static let publicTitle = "Access policy allows nothing to a principal outside the organization"
    static let sensitiveTitle = "Access policy and SCPs deny every sensitive action to non-admins"

    typealias Finding = (action: String, who: String, reason: String)

    static func results(for vault: Vault, inputs: GuardrailInputs, policies: PolicyInputs) -> [PostureResult] {
        let subject = PostureSubject.vault(vault.key)
        let policy: PolicyDocument?
        var problem: String?
        do {
            policy = try inputs.state.accessPolicies[vault.key]?.document(as: .resourcePolicy)
        } catch {
            policy = nil
            problem = "The access policy cannot be read (\(error)), so it is not guessed at."
        }
        if problem == nil, policy == nil, let why = inputs.state.unreadable("GetBackupVaultAccessPolicy", vault: vault.key) {
            problem = "The access policy could not be read (\(why)), so it is not guessed at."
        }
        if problem == nil, inputs.settings.organizationId == nil, policy?.tests("aws:PrincipalOrgID") == true {
            problem = PolicyInputs.organizationUnknown
        }
        let admins = Set(inputs.settings.adminArns)
        let exempted = (policy?.exemptedArns ?? []) + policies.scps.flatMap(\.exemptedArns)
        let context = VaultContext(
            vault: vault, settings: inputs.settings, exempted: unique(exempted.filter { !admins.contains($0) }))
        if let problem {
            return [
                ("vault.policy.denies_deletion", deniesDeletionTitle), ("vault.policy.admins_exempt", adminsTitle),
                ("vault.policy.no_public_allow", publicTitle), ("vault.guardrails.sensitive_actions", sensitiveTitle),
            ].map { PostureResult($0.0, $0.1, subject: subject, verdict: .unknown, reason: problem) }
        }
        return [
            deniesDeletion(policy, context), adminsExempt(policy, policies, context), noPublicAllow(policy, context),
            sensitiveActions(policy, policies, context),
        ]
    }

    /// `vault.policy.denies_deletion`: the access policy alone denies each deletion action to
    /// each principal that is not an admin, look-alikes of the admins included.
    static func deniesDeletion(_ policy: PolicyDocument?, _ context: VaultContext) -> PostureResult {
        let id = "vault.policy.denies_deletion"
        let subject = PostureSubject.vault(context.vault.key)
        guard let policy else {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .fail,
                reason: "The vault has no access policy: only IAM policies and SCPs stand between a principal and "
                    + "its recovery points.")
        }
        var survey = PolicySurvey()
        survey.ask(deletionActions, of: context.representatives) { action, who in
            let decision = policy.evaluate(context.request(action, by: who.principal), as: .resourcePolicy)
            switch decision.outcome {
            case .explicitlyDenied: return .denied(decision.deciding)
            case .unknown: return .unknown(decision.reason)
            case .allowed, .notApplicable: return .open(decision.reason)
            }
        }
        let (open, unknown, deciding) = (survey.open, survey.unknown, survey.deciding)
        if !open.isEmpty {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .fail,
                reason: "The access policy leaves \(unique(open.map(\.action)).count) of \(deletionActions.count) "
                    + "actions open to principals that are not admins.",
                evidence: grouped(open + unknown, everyone: context.representatives) + policy.exemptions)
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .unknown,
                reason: "Part of the access policy cannot be evaluated.",
                evidence: grouped(unknown, everyone: context.representatives))
        }
        return PostureResult(
            id, deniesDeletionTitle, subject: subject, verdict: .pass,
            reason: "Denied for all \(deletionActions.count) actions to non-admin roles, IAM users, root, Identity "
                + "Center roles and roles named like the admins.",
            evidence: deciding + policy.exemptions)
    }

    /// `vault.policy.admins_exempt`: the access policy and the SCPs leave the admins their access.
    /// A typo in an exempted role ARN, or an SCP without the admins' exemption, locks them out of
    /// their own vault (and, until noticed, nobody can fix the policy).
    static func adminsExempt(_ policy: PolicyDocument?, _ policies: PolicyInputs, _ context: VaultContext)
        -> PostureResult
    {
        let id = "vault.policy.admins_exempt"
        let subject = PostureSubject.vault(context.vault.key)
        guard !context.settings.adminArns.isEmpty else {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .unknown,
                reason: "No vault admins are configured (adminArns in guardrails.json).")
        }
        if policy == nil && policies.levels.isEmpty {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .pass, reason: "No access policy or SCP denies anything.")
        }
        var denied: [Finding] = []
        var unknown: [Finding] = []
        for admin in context.settings.adminArns {
            for action in deletionActions {
                let decision = Guardrails.decide(
                    context.request(action, byAdmin: admin), vaultPolicy: policy, scps: policies.levels)
                switch decision.outcome {
                case .denied: denied.append((action, admin, decision.reason))
                case .unknown: unknown.append((action, admin, decision.reason))
                case .notDenied: continue
                }
            }
        }
        let exemptions = (policy?.exemptions ?? []) + policies.scps.flatMap(\.exemptions)
        if !denied.isEmpty {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .fail,
                reason: "The access policy or an SCP denies a vault admin \(denied.count) action(s): is an exempted "
                    + "ARN mistyped, or an exemption missing?",
                evidence: grouped(denied) + exemptions)
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .unknown,
                reason: "Part of the policies cannot be evaluated for the admins.", evidence: grouped(unknown))
        }
        return PostureResult(
            id, adminsTitle, subject: subject, verdict: .pass,
            reason: "Neither the access policy nor an SCP denies the \(context.settings.adminArns.count) admin(s) "
                + "these actions.",
            evidence: exemptions)
    }

    /// `vault.policy.no_public_allow`: no Allow reaches a principal of another account outside
    /// the organization (tried as one such principal, 999999999999, in no organization).
    static func noPublicAllow(_ policy: PolicyDocument?, _ context: VaultContext) -> PostureResult {
        let id = "vault.policy.no_public_allow"
        let subject = PostureSubject.vault(context.vault.key)
        guard let policy else {
            return PostureResult(id, publicTitle, subject: subject, verdict: .pass, reason: "No access policy allows anything.")
        }
        var allowed: [String] = []
        var unknown: [String] = []
        // An outsider in no organization, and one in each other organization the policy names.
        let otherOrganizations = policy.allowedOrganizations.filter { $0 != context.settings.organizationId }
        for org in [String?.none] + otherOrganizations.map(Optional.some) {
            for action in context.settings.sensitiveActions + ["CopyIntoBackupVault"] {
                let request = AccessRequest(
                    principalArn: outsiderArn, action: "backup:\(action)",
                    resource: SensitiveAction.resource(for: action, on: context.vault), orgID: org)
                let decision = policy.evaluate(request, as: .resourcePolicy)
                let who = org.map { " (a principal of organization \($0))" } ?? ""
                switch decision.outcome {
                case .allowed: allowed.append("\(action)\(who): \(decision.reason)")
                case .unknown where decision.deciding.contains(where: { $0.effect == .allow }):
                    unknown.append("\(action)\(who): \(decision.reason)")
                default: continue
                }
            }
        }
        if !allowed.isEmpty {
            return PostureResult(
                id, publicTitle, subject: subject, verdict: .fail,
                reason: "A principal of another account, outside the organization, is allowed \(allowed.count) action(s).",
                evidence: allowed)
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, publicTitle, subject: subject, verdict: .unknown,
                reason: "An Allow of the access policy cannot be evaluated.", evidence: unknown)
        }
        return PostureResult(
            id, publicTitle, subject: subject, verdict: .pass,
            reason: "No Allow reaches a principal of another account outside the organization.")
    }

    /// `vault.guardrails.sensitive_actions`: with the access policy and the SCPs together, which
    /// sensitive actions a principal that is not an admin could still perform.
    static func sensitiveActions(_ policy: PolicyDocument?, _ policies: PolicyInputs, _ context: VaultContext)
        -> PostureResult
    {
        let id = "vault.guardrails.sensitive_actions"
        let subject = PostureSubject.vault(context.vault.key)
        if let problem = policies.scpProblem {
            return PostureResult(
                id, sensitiveTitle, subject: subject, verdict: .unknown, reason: problem, evidence: policies.scpErrors)
        }
        var survey = PolicySurvey()
        survey.ask(context.settings.sensitiveActions, of: context.representatives) { action, who in
            PolicySurvey.answer(
                Guardrails.decide(
                    context.request(action, by: who.principal), vaultPolicy: policy, scps: policies.levels))
        }
        let (open, unknown, deciding) = (survey.open, survey.unknown, survey.deciding)
        let count = context.settings.sensitiveActions.count
        if !open.isEmpty {
            let actions = unique(open.map(\.action))
            return PostureResult(
                id, sensitiveTitle, subject: subject, verdict: .fail,
                reason: "A non-admin could still call \(actions.count) of \(count) sensitive actions: "
                    + actions.joined(separator: ", ") + ".",
                evidence: grouped(open + unknown, everyone: context.representatives))
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, sensitiveTitle, subject: subject, verdict: .unknown,
                reason: "Part of the guardrails cannot be evaluated.",
                evidence: grouped(unknown, everyone: context.representatives))
        }
        return PostureResult(
            id, sensitiveTitle, subject: subject, verdict: .pass,
            reason: "All \(count) sensitive actions are denied to non-admin roles, IAM users, root, Identity Center "
                + "roles and roles named like the admins.",
            evidence: deciding)
    }

    // MARK: - Shared

    static func cite(_ match: StatementMatch) -> String {
        "\(match.citedPolicy), \(match.statementLabel): \(match.reason)"
    }

    /// One line per action and reason: "DeleteBackupVault by a non-admin role, an IAM user: not
    /// denied: …" rather than the same reason for each, and "by anyone but the admins" when it
    /// is every principal asked about.
    static func grouped(_ findings: [Finding], everyone: [RepresentativePrincipal] = []) -> [String] {
        let all = Set(everyone.map(\.description))
        struct Key: Hashable {
            var action: String
            var reason: String
        }
        var order: [Key] = []
        var whos: [Key: [String]] = [:]
        for finding in findings {
            let key = Key(action: finding.action, reason: finding.reason)
            if whos[key] == nil { order.append(key) }
            whos[key, default: []].append(finding.who)
        }
        // The clauses every reason ends with are said once, after the list.
        let common = commonClauses(order.map(\.reason))
        var lines = order.map { key in
            let who = whos[key] ?? []
            let named = !all.isEmpty && Set(who) == all ? "anyone but the admins" : who.joined(separator: ", ")
            let reason = common.isEmpty ? key.reason : String(key.reason.dropLast(common.count + 2))
            return "\(key.action) by \(named): \(reason)"
        }
        if !common.isEmpty { lines.append("For each: \(common)") }
        return lines
    }

    /// The `; `-separated clauses all of `reasons` end with, when there are several reasons and
    /// each keeps a clause of its own.
    static func commonClauses(_ reasons: [String]) -> String {
        guard reasons.count > 1 else { return "" }
        let split = reasons.map { $0.components(separatedBy: "; ") }
        var shared: [String] = []
        while let last = split[0].dropLast(shared.count).last, split.allSatisfy({ parts in
            parts.count > shared.count + 1 && parts[parts.count - 1 - shared.count] == last
        }) {
            shared.insert(last, at: 0)
        }
        return shared.joined(separator: "; ")
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }
}
