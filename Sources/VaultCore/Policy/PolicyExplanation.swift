/// One statement's part in a document's answer, for an operator who asks why: whether it applies to the
/// request, and the reason either way.
public struct StatementTrace: Equatable, Sendable {
    public enum Verdict: Equatable, Sendable {
        case applies, doesNotApply, undecided
    }

    public var verdict: Verdict
    /// The statement and the reason, e.g. `Deny does not apply: aws:PrincipalArn
    /// arn:aws:iam::111122223333:role/BackupVaultAdmin is like arn:aws:iam::111122223333:role/BackupVaultAdmin,
    /// so ArnNotLike fails`.
    public var statement: StatementMatch

    public init(verdict: Verdict, statement: StatementMatch) {
        self.verdict = verdict
        self.statement = statement
    }
}

extension PolicyDocument {
    /// Every statement's verdict on `request`, in the document's order: what `evaluate` weighs, with the
    /// reason a statement does not apply as well (the exemption that spares an admin, the action a
    /// statement leaves out). Slower than `evaluate`, which never builds those reasons.
    public func explain(_ request: AccessRequest, as kind: PolicyKind) -> [StatementTrace] {
        statements.map { statement in
            let effect = statement.effect.rawValue
            let trace: (StatementTrace.Verdict, String)
            switch statement.check(request, checksPrincipal: kind == .resourcePolicy) {
            case .holds(let why): trace = (.applies, "\(effect) applies: \(why)")
            case .unknown(let why): trace = (.undecided, "\(effect) undecided: \(why)")
            case .fails:
                let why = statement.whyNot(request, checksPrincipal: kind == .resourcePolicy)
                trace = (.doesNotApply, "\(effect) does not apply: \(why)")
            }
            let match = StatementMatch(
                policyName: name, policyKind: kind, statementLabel: statement.label, effect: statement.effect,
                reason: trace.1)
            return StatementTrace(verdict: trace.0, statement: match)
        }
    }
}

extension PolicyStatement {
    /// Why the statement does not apply to `request`: the first element that rules it out.
    func whyNot(_ request: AccessRequest, checksPrincipal: Bool) -> String {
        let arn = request.principalArn
        switch checksPrincipal ? principal : nil {
        case .only(let named) where !named.names(arn): return "Principal does not name \(arn)"
        case .allBut(let exempt) where exempt.exempts(arn): return "NotPrincipal exempts \(arn)"
        default: break
        }
        if !Self.covers(action, request.action) {
            return "\(action.isNegated ? "NotAction covers" : "Action does not cover") \(request.action)"
        }
        if case .fails = coversResource(request.resource) {
            return "\(resource.isNegated ? "NotResource covers" : "Resource does not cover") \(request.resource)"
        }
        for condition in conditions {
            if case .fails = condition.evaluate(in: request.context) { return condition.whyNot(in: request.context) }
        }
        return "it does not cover the request"
    }
}

extension PolicyCondition {
    /// Why the condition fails in `context`; asked only of a condition that fails.
    func whyNot(in context: RequestContext) -> String {
        guard let test = conditionOperator?.test else { return "\(operatorName) is not supported" }
        let present = context.values(folded: foldedKey).flatMap { $0.isEmpty ? nil : $0 }
        guard let present else { return "\(key) is absent, so \(operatorName) fails" }
        if test == .null { return "\(key) is present (\(present.joined(separator: ", "))), so Null fails" }
        switch conditionOperator?.qualifier {
        case nil:
            return Self.phrase(key, present[0], test: test, against: self)
        case .forAnyValue:
            return "no value of \(key) (\(present.joined(separator: ", "))) passes \(operatorName) \(listed)"
        case .forAllValues:
            let value = present.first { !passes($0, test) } ?? present[0]
            return "a value of \(key) fails: \(Self.phrase(key, value, test: test, against: self))"
        }
    }

    /// `aws:PrincipalArn arn:…:role/BackupVaultAdmin is like arn:…:role/BackupVaultAdmin`: for a negated test
    /// the policy value the request matched, for a plain one the values it missed.
    private static func phrase(_ key: String, _ value: String, test: ConditionOperator.Test, against condition: Self)
        -> String
    {
        guard test.isNegated, let hit = condition.firstMatch(of: value, test) else {
            return "\(key) \(value) \(test.failingVerb) \(condition.listed)"
        }
        return "\(key) \(value) \(test.failingVerb) \(hit), so \(condition.operatorName) fails"
    }
}
