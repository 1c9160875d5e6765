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
    public func explain(_ request: AccessRequest, as kind: PolicyKind, level: Int? = nil) -> [StatementTrace] {
        statements.map { statement in
            let effect = statement.effect.rawValue
            let checked = statement.check(request, as: kind, explaining: true)
            let trace: (StatementTrace.Verdict, String, [String])
            switch checked.finding {
            case .holds(let why) where checked.byAccountOnly:
                trace = (.applies, "\(effect) applies to the account: \(why)", [])
            case .holds(let why): trace = (.applies, "\(effect) applies: \(why)", [])
            case .unknown(let why, let missing): trace = (.undecided, "\(effect) undecided: \(why)", missing)
            case .fails(let why):
                trace = (.doesNotApply, "\(effect) does not apply: \(why.isEmpty ? "it does not cover the request" : why)", [])
            }
            let match = StatementMatch(
                policyName: name, policyKind: kind, statementLabel: statement.label, effect: statement.effect,
                reason: trace.1, sid: statement.sid, index: statement.index, level: level, missingKeys: trace.2)
            return StatementTrace(verdict: trace.0, statement: match)
        }
    }
}
