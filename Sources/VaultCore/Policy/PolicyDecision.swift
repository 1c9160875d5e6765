/// Which rules a document is held to: a resource policy names its principals, an SCP never does.
public enum PolicyKind: Equatable, Sendable {
    /// A vault access policy: every statement has `Principal` or `NotPrincipal`.
    case resourcePolicy
    /// A service control policy: no statement has `Principal` or `NotPrincipal`; it binds every principal
    /// of the accounts it is attached to.
    case serviceControlPolicy
}

/// A statement that decides an answer, and why it applies (or why it cannot be told).
public struct StatementMatch: Equatable, Sendable {
    public var policyName: String
    public var policyKind: PolicyKind
    /// `Sid "DenyNonAdmins"` or `statement 2`.
    public var statementLabel: String
    public var effect: PolicyEffect
    /// One line, e.g. `Deny applies: aws:PrincipalArn arn:aws:iam::111122223333:role/Intern is not like
    /// arn:aws:iam::111122223333:role/BackupVaultAdmin`.
    public var reason: String

    public init(
        policyName: String, policyKind: PolicyKind, statementLabel: String, effect: PolicyEffect, reason: String
    ) {
        self.policyName = policyName
        self.policyKind = policyKind
        self.statementLabel = statementLabel
        self.effect = effect
        self.reason = reason
    }

    /// The policy as a reason names it: `SCP BackupGuardrail`, or the vault access policy's own name.
    public var citedPolicy: String { policyKind == .serviceControlPolicy ? "SCP \(policyName)" : policyName }
}

extension [StatementMatch] {
    /// `SCP BackupGuardrail, Sid "DenyVaultChanges" (Deny applies: …)` for the first match, with a count of
    /// the others.
    var cited: String {
        guard let first else { return "no statement" }
        let more = count > 1 ? " and \(count - 1) more statement(s)" : ""
        return "\(first.citedPolicy), \(first.statementLabel) (\(first.reason))\(more)"
    }
}

public enum PolicyOutcome: Equatable, Sendable {
    /// An Allow statement applies and no Deny does.
    case allowed
    /// A Deny statement applies: nothing else can overturn it.
    case explicitlyDenied
    /// No statement applies.
    case notApplicable
    /// A statement that could decide cannot be evaluated (unknown operator or key, policy variable, a
    /// document not valid for its kind), and no applying Deny settles the answer anyway.
    case unknown
}

/// One document's answer to one request.
public struct PolicyDecision: Equatable, Sendable {
    public var outcome: PolicyOutcome
    /// The statements behind the outcome: the applying Denies, the applying Allows, or the undecidable
    /// ones; empty when no statement applies.
    public var deciding: [StatementMatch]
    public var reason: String

    public init(outcome: PolicyOutcome, deciding: [StatementMatch], reason: String) {
        self.outcome = outcome
        self.deciding = deciding
        self.reason = reason
    }
}

extension PolicyDocument {
    /// The document's answer to `request`, as IAM evaluates one policy: an applying Deny wins over
    /// everything; an Allow decides only when no Deny applies or might apply.
    public func evaluate(_ request: AccessRequest, as kind: PolicyKind) -> PolicyDecision {
        PolicyTally(self, request, as: kind).decision
    }

    /// Refuses a document that IAM would not accept as `kind`: a resource policy statement without
    /// `Principal` or `NotPrincipal`, or an SCP statement with one.
    public func validate(as kind: PolicyKind) throws(PolicyError) {
        for statement in statements {
            let path = path(ofStatement: statement.index)
            switch (kind, statement.principal) {
            case (.resourcePolicy, nil):
                throw PolicyError(path: path, message: "a resource policy statement needs Principal or NotPrincipal")
            case (.serviceControlPolicy, .only):
                throw PolicyError(path: "\(path).Principal", message: "an SCP statement must not name a principal")
            case (.serviceControlPolicy, .allBut):
                throw PolicyError(path: "\(path).NotPrincipal", message: "an SCP statement must not name a principal")
            default:
                continue
            }
        }
    }
}
