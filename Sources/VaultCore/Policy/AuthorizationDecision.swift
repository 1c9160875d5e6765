/// IAM's answer to one request, as `aws iam simulate-custom-policy` gives it for this domain.
public struct AuthorizationDecision: Equatable, Sendable {
    public enum Verdict: String, Equatable, Sendable {
        case allowed
        /// A Deny applies, in an SCP, the vault access policy or an identity-based policy.
        case explicitDeny
        /// Nothing denies it, but something that had to allow it does not (an SCP level, the identity
        /// policies and the vault access policy, AWS Backup's own rules).
        case implicitDeny
        /// A statement that could change the answer cannot be decided for this request.
        case unknown
    }

    public var verdict: Verdict
    /// The statements that decide: every applying Deny for an explicit deny; every applying identity or
    /// vault Allow for an allow (SCP Allows never grant, so they are never listed); none for an implicit
    /// deny; the undecidable ones for unknown.
    public var matched: [StatementMatch]
    /// The condition keys the request would need for the undecidable statements to be decided, as the
    /// policies spell them (`MissingContextValues` in `simulate-custom-policy`).
    public var missingContextValues: [String]
    /// One sentence an operator understands.
    public var reason: String

    public init(verdict: Verdict, matched: [StatementMatch], missingContextValues: [String] = [], reason: String) {
        self.verdict = verdict
        self.matched = matched
        self.missingContextValues = missingContextValues
        self.reason = reason
    }

    /// The keys the undecidable statements need, each once (compared as IAM compares keys, ignoring case),
    /// sorted.
    static func missingKeys(of statements: [StatementMatch]) -> [String] {
        var seen = Set<String>()
        return statements.flatMap(\.missingKeys).filter { seen.insert($0.lowercased()).inserted }
            .sorted { $0.lowercased() < $1.lowercased() }
    }
}
