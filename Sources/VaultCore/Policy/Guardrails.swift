/// The guardrail question, asked of the vault access policy and the SCPs while the principal's own
/// identity-based policies are not known: is this call denied whatever those say? The answer comes from
/// `Authorization`, IAM's whole evaluation logic, with the identity-based policies assumed to allow.
public enum Guardrails {
    /// Whether `request` is denied by `vaultPolicy` or `scps`, and which statements say so: denied (a Deny
    /// applies, an SCP level allows nothing, AWS Backup refuses the call from another account, or another
    /// account's call lacks the vault access policy's Allow); unknown (a statement that could change that
    /// cannot be decided); otherwise not denied, and allowed outright when the vault access policy's Allow
    /// (or the root user's default) makes the identity-based policies irrelevant.
    public static func decide(_ request: AccessRequest, vaultPolicy: PolicyDocument?, scps: ServiceControlPolicies)
        -> GuardrailDecision
    {
        decide(request, vaultPolicy: vaultPolicy, scps: scps, scpsOnly: false)
    }

    /// The same, with SCPs known only as a list (one level; see `ServiceControlPolicies.init(flat:)`).
    public static func decide(_ request: AccessRequest, vaultPolicy: PolicyDocument?, scps: [PolicyDocument])
        -> GuardrailDecision
    {
        decide(request, vaultPolicy: vaultPolicy, scps: ServiceControlPolicies(flat: scps))
    }

    /// The SCPs' part alone: whether they deny `request`, whatever a vault access policy and AWS Backup's
    /// own rules say (the organization-level guardrail, checked apart from each vault's own policy).
    public static func decideBySCPs(_ request: AccessRequest, scps: ServiceControlPolicies) -> GuardrailDecision {
        decide(request, vaultPolicy: nil, scps: scps, scpsOnly: true)
    }

    public static func decideBySCPs(_ request: AccessRequest, scps: [PolicyDocument]) -> GuardrailDecision {
        decideBySCPs(request, scps: ServiceControlPolicies(flat: scps))
    }

    private static func decide(
        _ request: AccessRequest, vaultPolicy: PolicyDocument?, scps: ServiceControlPolicies, scpsOnly: Bool
    ) -> GuardrailDecision {
        let evaluation = Evaluation(request, AuthorizationPolicies(vaultPolicy: vaultPolicy, serviceControlPolicies: scps))
        let deny = evaluation.deny
        if deny.value == .yes {
            let denies = evaluation.denies
            return GuardrailDecision(outcome: .denied, deciding: denies, reason: "denied by \(denies.cited)")
        }
        let allow = evaluation.allow(identityKnown: false, scpsOnly: scpsOnly)
        switch (deny.value, allow.value) {
        case (.no, .no):
            return .implicitlyDenied(evaluation.whyNot(identityKnown: false, scpsOnly: scpsOnly))
        case (.no, .yes):
            break
        default:
            return .unknown(Evaluation.unique(deny.open + allow.open))
        }
        let scpNote =
            evaluation.scpExemption.map { "; \($0)" }
            ?? (scps.isEmpty
                ? "; no SCP supplied, so the default FullAWSAccess SCP is assumed"
                : scps.assumesFullAWSAccess
                    ? "; the SCPs hold only Deny statements, so the default FullAWSAccess SCP is assumed" : "")
        if !scpsOnly, evaluation.allow(identityKnown: true).value == .yes {
            let allows = evaluation.vault?.applyingAllows ?? []
            let why =
                allows.isEmpty
                ? "the root user may do anything in its account that no policy denies"
                : "\(allows.cited) allows it and nothing denies it"
            return GuardrailDecision(
                outcome: .notDenied(allowedOutright: true), deciding: allows, reason: "not denied: \(why)\(scpNote)")
        }
        let vaultPart =
            scpsOnly
            ? "nothing in the SCPs denies it"
            : vaultPolicy == nil
                ? "the vault has no access policy and nothing in the SCPs denies it"
                : "nothing in the vault access policy or the SCPs denies it"
        return GuardrailDecision(
            outcome: .notDenied(allowedOutright: false), deciding: [],
            reason: "not denied: \(vaultPart); the principal's own IAM policies decide\(scpNote)")
    }

    /// The answer for each of `actions` (e.g. `backup:DeleteRecoveryPoint`) on the vault `vaultArn`, for
    /// `principalArn` in the organization `orgID`. IAM authorizes the recovery point actions
    /// (`DeleteRecoveryPoint`, `UpdateRecoveryPointLifecycle`) against the recovery point's ARN: ask with
    /// `decide(_:vaultPolicy:scps:)` and that ARN when a policy names resources more narrowly than `*`.
    public static func decide(
        actions: [String], principalArn: String, vaultArn: String, orgID: String?,
        vaultPolicy: PolicyDocument?, scps: [PolicyDocument]
    ) -> [ActionGuardrail] {
        actions.map { action in
            let request = AccessRequest(principalArn: principalArn, action: action, resource: vaultArn, orgID: orgID)
            return ActionGuardrail(action: action, decision: decide(request, vaultPolicy: vaultPolicy, scps: scps))
        }
    }

    /// The sensitive AWS Backup actions of the seeds' alert rule, as IAM actions.
    public static let sensitiveActions = AlertRule.seedSensitiveActions.map { "backup:\($0)" }
}
