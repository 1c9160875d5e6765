/// Every statement of one document checked against one request, sorted by effect and by what it said.
struct PolicyTally: Sendable {
    let policyName: String
    let kind: PolicyKind
    var denies: [StatementMatch] = []
    var allows: [StatementMatch] = []
    var undecidedDenies: [StatementMatch] = []
    var undecidedAllows: [StatementMatch] = []
    /// Set when the document is not valid for its kind: then nothing in it can be trusted to decide.
    var invalid: StatementMatch?
    /// Whether the document has any Allow statement at all, applying or not.
    let hasAllowStatements: Bool

    init(_ document: PolicyDocument, _ request: AccessRequest, as kind: PolicyKind) {
        policyName = document.name
        self.kind = kind
        hasAllowStatements = document.statements.contains { $0.effect == .allow }
        do throws(PolicyError) {
            try document.validate(as: kind)
        } catch {
            invalid = StatementMatch(
                policyName: document.name, policyKind: kind, statementLabel: error.path, effect: .deny,
                reason: "not a valid \(kind.noun): \(error.message)")
            return
        }
        for statement in document.statements {
            let finding = statement.check(request, checksPrincipal: kind == .resourcePolicy)
            let effect = statement.effect.rawValue
            switch (finding, statement.effect) {
            case (.fails, _): continue
            case (.holds(let why), .deny): denies.append(match(statement, "\(effect) applies: \(why)"))
            case (.holds(let why), .allow): allows.append(match(statement, "\(effect) applies: \(why)"))
            case (.unknown(let why), .deny): undecidedDenies.append(match(statement, "\(effect) undecided: \(why)"))
            case (.unknown(let why), .allow): undecidedAllows.append(match(statement, "\(effect) undecided: \(why)"))
            }
        }
    }

    private func match(_ statement: PolicyStatement, _ reason: String) -> StatementMatch {
        StatementMatch(
            policyName: policyName, policyKind: kind, statementLabel: statement.label, effect: statement.effect,
            reason: reason)
    }

    /// The statements that leave the answer open: an invalid document, or Denies that might apply.
    var undecided: [StatementMatch] { invalid.map { [$0] } ?? undecidedDenies }

    var decision: PolicyDecision {
        if !denies.isEmpty {
            return PolicyDecision(
                outcome: .explicitlyDenied, deciding: denies, reason: "explicitly denied by \(denies.cited)")
        }
        if !undecided.isEmpty {
            return PolicyDecision(outcome: .unknown, deciding: undecided, reason: "unknown: \(undecided.cited)")
        }
        if !allows.isEmpty {
            return PolicyDecision(outcome: .allowed, deciding: allows, reason: "allowed by \(allows.cited)")
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
        case .serviceControlPolicy: "service control policy"
        }
    }
}
