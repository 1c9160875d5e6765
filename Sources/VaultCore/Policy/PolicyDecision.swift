/// Which rules a document is held to: a resource policy names its principals, an identity policy and an
/// SCP never do.
public enum PolicyKind: Equatable, Sendable {
    /// A vault access policy: every statement has `Principal` or `NotPrincipal`.
    case resourcePolicy
    /// A policy attached to the caller (its user, its role, its group): it binds that principal.
    case identityPolicy
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
    /// The statement's `Sid`, and its 0-based place in the document (0 for a lone `Statement` object).
    public var sid: String?
    public var index: Int
    /// For an SCP, the level of the organization it is attached at, from 0 for the root.
    public var level: Int?
    /// The condition keys the request would need for the statement to be decided.
    public var missingKeys: [String]

    public init(
        policyName: String, policyKind: PolicyKind, statementLabel: String, effect: PolicyEffect, reason: String,
        sid: String? = nil, index: Int = 0, level: Int? = nil, missingKeys: [String] = []
    ) {
        self.policyName = policyName
        self.policyKind = policyKind
        self.statementLabel = statementLabel
        self.effect = effect
        self.reason = reason
        self.sid = sid
        self.index = index
        self.level = level
        self.missingKeys = missingKeys
    }

    /// The policy as a reason names it: `SCP BackupGuardrail`, the vault access policy's own name,
    /// `identity policy admin.json`.
    public var citedPolicy: String {
        switch policyKind {
        case .serviceControlPolicy: "SCP \(policyName)"
        case .identityPolicy: "identity policy \(policyName)"
        case .resourcePolicy: policyName
        }
    }
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
            case (.identityPolicy, .only):
                throw PolicyError(
                    path: "\(path).Principal", message: "an identity-based policy statement must not name a principal")
            case (.identityPolicy, .allBut):
                throw PolicyError(
                    path: "\(path).NotPrincipal", message: "an identity-based policy statement must not name a principal")
            default:
                continue
            }
        }
    }
}
