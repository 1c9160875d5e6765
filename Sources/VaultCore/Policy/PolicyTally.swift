/// Every statement of one document checked against one request, sorted by effect and by what it said.
struct PolicyTally: Sendable {
    let policyName: String
    let kind: PolicyKind
    let level: Int?
    var denies: [StatementMatch] = []
    /// Allows that name the caller (by its ARN, its session, or everyone).
    var allows: [StatementMatch] = []
    /// Allows of a resource policy that reach the caller only through its account.
    var accountAllows: [StatementMatch] = []
    var undecidedDenies: [StatementMatch] = []
    var undecidedAllows: [StatementMatch] = []
    /// Set when the document is not valid for its kind: then nothing in it can be trusted to decide.
    var invalid: StatementMatch?

    init(_ document: PolicyDocument, _ request: AccessRequest, as kind: PolicyKind, level: Int? = nil) {
        policyName = document.name
        self.kind = kind
        self.level = level
        do throws(PolicyError) {
            try document.validate(as: kind)
        } catch {
            invalid = StatementMatch(
                policyName: document.name, policyKind: kind, statementLabel: error.path, effect: .deny,
                reason: "not a valid \(kind.noun): \(error.message)", level: level)
            return
        }
        for statement in document.statements {
            let checked = statement.check(request, as: kind)
            let effect = statement.effect.rawValue
            switch (checked.finding, statement.effect) {
            case (.fails, _): continue
            case (.holds(let why), .deny): denies.append(match(statement, "\(effect) applies: \(why)"))
            case (.holds(let why), .allow) where checked.byAccountOnly:
                accountAllows.append(match(statement, "\(effect) applies to the account: \(why)"))
            case (.holds(let why), .allow): allows.append(match(statement, "\(effect) applies: \(why)"))
            case (.unknown(let why, let missing), .deny):
                undecidedDenies.append(match(statement, "\(effect) undecided: \(why)", missing: missing))
            case (.unknown(let why, let missing), .allow):
                undecidedAllows.append(match(statement, "\(effect) undecided: \(why)", missing: missing))
            }
        }
    }

    private func match(_ statement: PolicyStatement, _ reason: String, missing: [String] = []) -> StatementMatch {
        StatementMatch(
            policyName: policyName, policyKind: kind, statementLabel: statement.label, effect: statement.effect,
            reason: reason, sid: statement.sid, index: statement.index, level: level, missingKeys: missing)
    }

    /// The statements that leave a Deny open: an invalid document, or Denies that might apply.
    var undecided: [StatementMatch] { invalid.map { [$0] } ?? undecidedDenies }

    /// Every Allow that applies, whatever it names.
    var applyingAllows: [StatementMatch] { allows + accountAllows }

    /// Whether the document allows the request: yes when an Allow applies, open when one might (or the
    /// document cannot be read), no otherwise.
    var allowAnswer: Kleene {
        if let invalid { return .open([invalid]) }
        if !applyingAllows.isEmpty { return .yes }
        return undecidedAllows.isEmpty ? .no : .open(undecidedAllows)
    }

    /// Whether the document denies the request explicitly.
    var denyAnswer: Kleene {
        if !denies.isEmpty { return .yes }
        return undecided.isEmpty ? .no : .open(undecided)
    }

    var decision: PolicyDecision {
        if !denies.isEmpty {
            return PolicyDecision(
                outcome: .explicitlyDenied, deciding: denies, reason: "explicitly denied by \(denies.cited)")
        }
        if !undecided.isEmpty {
            return PolicyDecision(outcome: .unknown, deciding: undecided, reason: "unknown: \(undecided.cited)")
        }
        if !applyingAllows.isEmpty {
            return PolicyDecision(
                outcome: .allowed, deciding: applyingAllows, reason: "allowed by \(applyingAllows.cited)")
        }
        if !undecidedAllows.isEmpty {
            return PolicyDecision(
                outcome: .unknown, deciding: undecidedAllows, reason: "unknown: \(undecidedAllows.cited)")
        }
        return PolicyDecision(outcome: .notApplicable, deciding: [], reason: "no statement of \(policyName) applies")
    }
}

extension PolicyKind {
    var noun: String {
        switch self {
        case .resourcePolicy: "resource policy"
        case .identityPolicy: "identity-based policy"
        case .serviceControlPolicy: "service control policy"
        }
    }
}
