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

    static func accountResults(_ inputs: GuardrailInputs) -> [PostureResult] {
        let id = "org.scp.backup_guardrail"
        let title = "An SCP denies the sensitive actions to all but the admins"
        let scps = inputs.serviceControlPolicies
        guard !scps.isEmpty else {
            return [
                PostureResult(
                    id, title, subject: .account, verdict: .unknown,
                    reason: "No SCP is known for this account: give the organization's SCPs with --scp FILE.")
            ]
        }
        let parsed = parse(scps, as: .serviceControlPolicy)
        let names = scps.map(\.name).joined(separator: ", ")
        if !parsed.errors.isEmpty {
            return [
                PostureResult(
                    id, title, subject: .account, verdict: .unknown,
                    reason: "An SCP cannot be read, so it is not guessed at.", evidence: parsed.errors)
            ]
        }
        return [
            PostureResult(
                id, title, subject: .account, verdict: .pass,
                reason: "\(scps.count) SCP(s) known: \(names). Each vault's checks say what they deny.")
        ]
    }

    static func results(for vault: Vault, inputs: GuardrailInputs) -> [PostureResult] {
        let subject = PostureSubject.vault(vault.name)
        let stored = inputs.state.accessPolicies[vault.name]
        let policy: PolicyDocument?
        var policyError: String?
        if let text = stored?.document {
            do {
                let document = try PolicyDocument.parse(text, name: "access policy of \(vault.name)")
                try document.validate(as: .resourcePolicy)
                policy = document
            } catch {
                policy = nil
                policyError = "The access policy cannot be read (\(error)), so it is not guessed at."
            }
        } else {
            policy = nil
        }
        let scps = parse(inputs.serviceControlPolicies, as: .serviceControlPolicy)
        let context = Context(vault: vault, settings: inputs.settings)

        var results: [PostureResult] = []
        if let policyError {
            for (id, title) in [
                ("vault.policy.denies_deletion", deniesDeletionTitle), ("vault.policy.admins_exempt", adminsTitle),
                ("vault.policy.no_public_allow", publicTitle),
            ] {
                results.append(PostureResult(id, title, subject: subject, verdict: .unknown, reason: policyError))
            }
        } else {
            results.append(deniesDeletion(policy, context))
            results.append(adminsExempt(policy, context))
            results.append(noPublicAllow(policy, context))
        }
        results.append(sensitiveActions(policy: policy, policyError: policyError, scps: scps, context))
        return results
    }

    // MARK: - The checks

    static let deniesDeletionTitle = "Access policy denies deletion and lock/policy changes to non-admins"
    static let adminsTitle = "Access policy leaves the vault admins their access"
    static let publicTitle = "Access policy allows nothing to principals outside the organization"

    /// `vault.policy.denies_deletion`: the access policy alone denies each deletion action to
    /// each representative non-admin principal.
    static func deniesDeletion(_ policy: PolicyDocument?, _ context: Context) -> PostureResult {
        let id = "vault.policy.denies_deletion"
        let subject = PostureSubject.vault(context.vault.name)
        guard let policy else {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .fail,
                reason: "The vault has no access policy: only IAM policies and SCPs stand between a principal and "
                    + "its recovery points.")
        }
        var open: [(action: String, who: String, reason: String)] = []
        var unknown: [(action: String, who: String, reason: String)] = []
        var deciding: [String] = []
        for action in deletionActions {
            for who in context.representatives {
                let decision = policy.evaluate(context.request(action, by: who.principal.judgedArn), as: .resourcePolicy)
                switch decision.outcome {
                case .explicitlyDenied: deciding += decision.deciding.map(cite)
                case .unknown: unknown.append((action, who.description, decision.reason))
                case .allowed, .notApplicable: open.append((action, who.description, decision.reason))
                }
            }
        }
        if !open.isEmpty {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .fail,
                reason: "The access policy does not deny \(open.count) action/principal pair(s) it should.",
                evidence: grouped(open + unknown))
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, deniesDeletionTitle, subject: subject, verdict: .unknown,
                reason: "Part of the access policy cannot be evaluated.", evidence: grouped(unknown))
        }
        return PostureResult(
            id, deniesDeletionTitle, subject: subject, verdict: .pass,
            reason: "Denied to non-admin roles, IAM users and root for all \(deletionActions.count) actions.",
            evidence: unique(deciding) + context.exemptions(in: policy))
    }

    /// `vault.policy.admins_exempt`: a typo in an exempted role ARN locks the admins out of
    /// their own vault (and, until noticed, nobody can fix the policy).
    static func adminsExempt(_ policy: PolicyDocument?, _ context: Context) -> PostureResult {
        let id = "vault.policy.admins_exempt"
        let subject = PostureSubject.vault(context.vault.name)
        guard let policy else {
            return PostureResult(id, adminsTitle, subject: subject, verdict: .pass, reason: "No access policy denies anything.")
        }
        guard !context.settings.adminArns.isEmpty else {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .unknown,
                reason: "No vault admins are configured (adminArns in guardrails.json).")
        }
        var denied: [String] = []
        var unknown: [String] = []
        for admin in context.settings.adminArns {
            for action in deletionActions {
                let decision = policy.evaluate(context.request(action, by: admin), as: .resourcePolicy)
                switch decision.outcome {
                case .explicitlyDenied: denied.append("\(action) by \(admin): \(decision.reason)")
                case .unknown: unknown.append("\(action) by \(admin): \(decision.reason)")
                case .allowed, .notApplicable: continue
                }
            }
        }
        if !denied.isEmpty {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .fail,
                reason: "The access policy denies a vault admin \(denied.count) action(s): is an exempted ARN mistyped?",
                evidence: denied)
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, adminsTitle, subject: subject, verdict: .unknown,
                reason: "Part of the access policy cannot be evaluated for the admins.", evidence: unknown)
        }
        return PostureResult(
            id, adminsTitle, subject: subject, verdict: .pass,
            reason: "No statement denies the \(context.settings.adminArns.count) admin(s) these actions.")
    }

    /// `vault.policy.no_public_allow`: no Allow reaches a principal outside the organization.
    static func noPublicAllow(_ policy: PolicyDocument?, _ context: Context) -> PostureResult {
        let id = "vault.policy.no_public_allow"
        let subject = PostureSubject.vault(context.vault.name)
        guard let policy else {
            return PostureResult(id, publicTitle, subject: subject, verdict: .pass, reason: "No access policy allows anything.")
        }
        var allowed: [String] = []
        var unknown: [String] = []
        for action in context.settings.sensitiveActions + ["CopyIntoBackupVault"] {
            let request = AccessRequest(
                principalArn: outsiderArn, action: "backup:\(action)", resource: context.resource(for: action))
            let decision = policy.evaluate(request, as: .resourcePolicy)
            switch decision.outcome {
            case .allowed: allowed.append("\(action): \(decision.reason)")
            case .unknown: unknown.append("\(action): \(decision.reason)")
            case .explicitlyDenied, .notApplicable: continue
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
                reason: "Part of the access policy cannot be evaluated.", evidence: unknown)
        }
        return PostureResult(
            id, publicTitle, subject: subject, verdict: .pass,
            reason: "Every Allow is scoped: none reaches a principal outside the organization.")
    }

    /// `vault.guardrails.sensitive_actions`: with the access policy and the SCPs together, which
    /// sensitive actions a non-admin principal of the organization could still perform.
    static func sensitiveActions(
        policy: PolicyDocument?, policyError: String?, scps: Parsed, _ context: Context
    ) -> PostureResult {
        let id = "vault.guardrails.sensitive_actions"
        let title = "Access policy and SCPs deny every sensitive action to non-admins"
        let subject = PostureSubject.vault(context.vault.name)
        if let policyError {
            return PostureResult(id, title, subject: subject, verdict: .unknown, reason: policyError)
        }
        if !scps.errors.isEmpty {
            return PostureResult(
                id, title, subject: subject, verdict: .unknown, reason: "An SCP cannot be read.", evidence: scps.errors)
        }
        var open: [(action: String, who: String, reason: String)] = []
        var unknown: [(action: String, who: String, reason: String)] = []
        var deciding: [String] = []
        for action in context.settings.sensitiveActions {
            for who in context.representatives {
                let decision = Guardrails.decide(
                    context.request(action, by: who.principal.judgedArn), vaultPolicy: policy, scps: scps.documents)
                switch decision.outcome {
                case .denied: deciding += decision.deciding.map(cite)
                case .unknown: unknown.append((action, who.description, decision.reason))
                case .notDenied: open.append((action, who.description, decision.reason))
                }
            }
        }
        let count = context.settings.sensitiveActions.count
        if !open.isEmpty {
            let actions = unique(open.map(\.action))
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "A non-admin could still call \(actions.count) of \(count) sensitive actions: "
                    + actions.joined(separator: ", ") + ".",
                evidence: grouped(open + unknown))
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, title, subject: subject, verdict: .unknown,
                reason: "Part of the guardrails cannot be evaluated.", evidence: grouped(unknown))
        }
        return PostureResult(
            id, title, subject: subject, verdict: .pass,
            reason: "All \(count) sensitive actions are denied to non-admin roles, IAM users and root.",
            evidence: unique(deciding))
    }

    // MARK: - Shared

    struct Context {
        var vault: Vault
        var settings: GuardrailSettings

        var representatives: [RepresentativePrincipal] { RepresentativePrincipal.all(account: vault.accountId) }

        /// IAM authorizes recovery-point actions against the point's ARN, the others against the vault's.
        func resource(for action: String) -> String {
            SensitiveAction.isRecoveryPointAction(action)
                ? "arn:aws:backup:\(vault.region):\(vault.accountId):recovery-point:*" : vault.arn
        }

        func request(_ action: String, by principalArn: String) -> AccessRequest {
            AccessRequest(
                principalArn: principalArn, action: "backup:\(action)", resource: resource(for: action),
                orgID: settings.organizationId)
        }

        /// The admins the policy lets through, stated so an operator can check the list.
        func exemptions(in policy: PolicyDocument) -> [String] {
            let exempt = settings.adminArns.filter { admin in
                policy.evaluate(request("DeleteRecoveryPoint", by: admin), as: .resourcePolicy).outcome
                    != .explicitlyDenied
            }
            return exempt.isEmpty ? [] : ["exempt: " + exempt.joined(separator: ", ")]
        }
    }

    struct Parsed {
        var documents: [PolicyDocument] = []
        var errors: [String] = []
    }

    static func parse(_ policies: [GuardrailPolicy], as kind: PolicyKind) -> Parsed {
        var parsed = Parsed()
        for policy in policies {
            guard let text = policy.document else { continue }
            do {
                let document = try PolicyDocument.parse(text, name: policy.name)
                try document.validate(as: kind)
                parsed.documents.append(document)
            } catch {
                parsed.errors.append("\(policy.name): \(error)")
            }
        }
        return parsed
    }

    static func cite(_ match: StatementMatch) -> String {
        "\(match.citedPolicy), \(match.statementLabel): \(match.reason)"
    }

    /// One line per action and reason: "DeleteBackupVault by a non-admin role, an IAM user, the
    /// root user: not denied: …" rather than the same reason three times.
    static func grouped(_ findings: [(action: String, who: String, reason: String)]) -> [String] {
        var order: [String] = []
        var whos: [String: [String]] = [:]
        for f in findings {
            let key = "\(f.action)\u{1F}\(f.reason)"
            if whos[key] == nil { order.append(key) }
            whos[key, default: []].append(f.who)
        }
        return order.map { key in
            let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return "\(parts[0]) by \(whos[key]!.joined(separator: ", ")): \(parts.count > 1 ? parts[1] : "")"
        }
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }
}
