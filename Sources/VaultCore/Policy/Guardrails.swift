/// The vault access policy and the SCPs taken together, as IAM's policy evaluation logic combines them
/// (IAM User Guide, *Policy evaluation logic*): an explicit Deny in any of them wins; SCPs must allow the
/// action; a call from another account also needs the vault access policy's Allow. What remains is up to
/// the principal's own IAM policies, which vaultwatch does not see.
///
/// The SCPs are taken as one level of the organization: AWS requires an Allow at every level (root, each
/// OU, the account), so pass only the SCPs that apply at the level you are asking about when they hold
/// Allow statements. SCPs do not bind the management account or service-linked roles.
public enum Guardrails {
    /// Whether `request` is denied by `vaultPolicy` or `scps`, and which statements say so. In order: any
    /// applying Deny → denied; SCPs that hold Allow statements but none allowing the call → denied; any
    /// statement that might deny (or might be the SCP Allow needed) undecided → unknown; a call from another
    /// account without the vault policy's Allow → denied; otherwise not denied. SCPs with only Deny
    /// statements, or none, stand beside the default FullAWSAccess SCP, and the reason says so.
    public static func decide(_ request: AccessRequest, vaultPolicy: PolicyDocument?, scps: [PolicyDocument])
        -> GuardrailDecision
    {
        decide(request, vaultPolicy: vaultPolicy, scps: scps, weighingVaultPolicy: true)
    }

    /// The SCPs' part alone: whether they deny `request`, whatever a vault access policy says (the
    /// organization-level guardrail, checked apart from each vault's own policy).
    public static func decideBySCPs(_ request: AccessRequest, scps: [PolicyDocument]) -> GuardrailDecision {
        decide(request, vaultPolicy: nil, scps: scps, weighingVaultPolicy: false)
    }

    private static func decide(
        _ request: AccessRequest, vaultPolicy: PolicyDocument?, scps: [PolicyDocument], weighingVaultPolicy: Bool
    ) -> GuardrailDecision {
        let scpTallies = scps.map { PolicyTally($0, request, as: .serviceControlPolicy) }
        let vaultTally = vaultPolicy.map { PolicyTally($0, request, as: .resourcePolicy) }
        let denies = scpTallies.flatMap(\.denies) + (vaultTally?.denies ?? [])
        if !denies.isEmpty {
            return GuardrailDecision(outcome: .denied, deciding: denies, reason: "denied by \(denies.cited)")
        }
        var undecided = scpTallies.flatMap(\.undecided) + (vaultTally?.undecided ?? [])
        let scpsHoldAllows = scpTallies.contains { $0.hasAllowStatements }
        if scpsHoldAllows, !scpTallies.contains(where: { !$0.allows.isEmpty }) {
            undecided += scpTallies.flatMap(\.undecidedAllows)
            if undecided.isEmpty {
                return .implicitlyDenied(
                    "not allowed by any SCP (the SCPs hold Allow statements, and none allows \(request.action) on "
                        + "\(request.resource))")
            }
        }
        if !undecided.isEmpty { return .unknown(undecided) }
        if weighingVaultPolicy, let decision = crossAccount(request, vaultTally) { return decision }
        let vaultAllows = vaultTally?.allows ?? []
        let scpNote =
            scpsHoldAllows
            ? ""
            : scps.isEmpty
                ? "; no SCP supplied, so the default FullAWSAccess SCP is assumed"
                : "; the SCPs hold only Deny statements, so the default FullAWSAccess SCP is assumed"
        if !vaultAllows.isEmpty {
            return GuardrailDecision(
                outcome: .notDenied(allowedByResourcePolicy: true), deciding: vaultAllows,
                reason: "not denied: \(vaultAllows.cited) allows it and nothing denies it\(scpNote)")
        }
        let vaultPart =
            !weighingVaultPolicy
            ? "nothing in the SCPs denies it"
            : vaultPolicy == nil
                ? "the vault has no access policy and nothing in the SCPs denies it"
                : "nothing in the vault access policy or the SCPs denies it"
        return GuardrailDecision(
            outcome: .notDenied(allowedByResourcePolicy: false), deciding: [],
            reason: "not denied: \(vaultPart); the principal's own IAM policies decide\(scpNote)")
    }

    /// "When an account or service makes a request to another account, the resource-based policy in the
    /// trusting account must allow the request" as well as the caller's identity policy (IAM User Guide,
    /// *Cross-account policy evaluation logic*). `nil` when the call stays in the vault's account or the
    /// vault access policy allows it.
    private static func crossAccount(_ request: AccessRequest, _ vaultTally: PolicyTally?) -> GuardrailDecision? {
        guard let principal = ARN(request.principalArn), let vault = ARN(request.resource),
            !principal.account.isEmpty, !vault.account.isEmpty, principal.account != vault.account,
            vaultTally?.allows.isEmpty ?? true
        else { return nil }
        if let open = vaultTally?.undecidedAllows, !open.isEmpty { return .unknown(open) }
        return .implicitlyDenied(
            "account \(principal.account) is not the vault's account \(vault.account), and a call from another "
                + "account needs an Allow in the vault access policy, which has none for it")
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
