/// The guardrail question's answer: could this principal perform this action on this vault, given the
/// vault access policy and the SCPs?
public enum GuardrailOutcome: Equatable, Sendable {
    /// An explicit Deny applies (in an SCP or the vault access policy), or the call is implicitly denied
    /// (an SCP level allows nothing; AWS Backup refuses it from another account; a cross-account call the
    /// vault access policy does not allow).
    case denied
    /// Nothing supplied denies it. `allowedOutright` tells whether it is allowed whatever the principal's
    /// identity-based policies say (the vault access policy allows it, or the caller is the account's root
    /// user); when not, those policies decide.
    case notDenied(allowedOutright: Bool)
    /// A statement that could deny cannot be evaluated, so the answer is not guessed.
    case unknown
}

public struct GuardrailDecision: Equatable, Sendable {
    public var outcome: GuardrailOutcome
    /// The statements behind the outcome; empty for an implicit deny and when nothing applies.
    public var deciding: [StatementMatch]
    /// One sentence an operator understands, e.g. `denied by SCP BackupGuardrail, Sid "DenyVaultChanges"
    /// (Deny applies: …)`.
    public var reason: String

    public init(outcome: GuardrailOutcome, deciding: [StatementMatch], reason: String) {
        self.outcome = outcome
        self.deciding = deciding
        self.reason = reason
    }

    /// Denied though no statement denies: nothing that had to allow the call does.
    static func implicitlyDenied(_ why: String) -> GuardrailDecision {
        GuardrailDecision(outcome: .denied, deciding: [], reason: "denied: \(why)")
    }

    static func unknown(_ undecided: [StatementMatch]) -> GuardrailDecision {
        GuardrailDecision(outcome: .unknown, deciding: undecided, reason: "unknown: \(undecided.cited)")
    }
}

/// One sensitive action and the guardrails' answer for it.
public struct ActionGuardrail: Equatable, Sendable {
    public var action: String
    public var decision: GuardrailDecision

    public init(action: String, decision: GuardrailDecision) {
        self.action = action
        self.decision = decision
    }
}
