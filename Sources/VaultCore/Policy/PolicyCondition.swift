/// One test of a statement's `Condition` block: an operator applied to one key and its values, e.g.
/// `"ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/BackupVaultAdmin"]}`.
///
/// "If your policy statement has multiple condition operators, the condition operators are evaluated using
/// a logical AND. If your policy statement has multiple context keys attached to a single condition
/// operator, the context keys are evaluated using a logical AND" (IAM User Guide, *Conditions with multiple
/// context keys or values*), so a block is the AND of these one-key tests.
public struct PolicyCondition: Equatable, Sendable {
    /// The operator as written, e.g. `ForAnyValue:StringLike`.
    public var operatorName: String
    /// The operator, when this evaluator knows it; `nil` makes the condition unknown.
    public var conditionOperator: ConditionOperator?
    /// The key as written, e.g. `aws:PrincipalArn`.
    public var key: String
    /// The policy's values, as strings (`true`, `111122223333`, …).
    public var values: [String]
    /// Whether a value holds a policy variable (`${…}`), resolved per request. Variables exist only in
    /// Version `2012-10-17`; under `2008-10-17` or no Version, `${…}` is literal text.
    public var hasPolicyVariable: Bool { texts.contains(where: \.hasVariables) }
    /// The key lowercased once, for the case-insensitive lookups in the request's context.
    let foldedKey: String
    let texts: [VariableText]
    /// The values compiled once when they hold no variable.
    let fixed: [PolicyValue]?

    public init(operatorName: String, key: String, values: [String], resolvesPolicyVariables: Bool) {
        self.operatorName = operatorName
        conditionOperator = ConditionOperator(operatorName)
        self.key = key
        foldedKey = key.lowercased()
        self.values = values
        texts = values.map { VariableText($0, resolves: resolvesPolicyVariables) }
        fixed = texts.contains(where: \.hasVariables) ? nil : texts.map { PolicyValue(parts: $0.parts) }
    }

    public static func == (a: PolicyCondition, b: PolicyCondition) -> Bool {
        a.operatorName == b.operatorName && a.key == b.key && a.values == b.values && a.texts == b.texts
    }

    /// Whether the condition holds for `context`, and why. The reason a condition fails is only built when
    /// `explaining`.
    func evaluate(in context: RequestContext, explaining: Bool = false) -> PolicyFinding {
        guard let op = conditionOperator else {
            return .unknown("condition operator \"\(operatorName)\" is not supported")
        }
        let present: [String]
        switch context.lookup(folded: foldedKey) {
        case .unknown:
            return .unknown("condition key \"\(key)\" is not known for this request", missing: [key])
        case .absent:
            return absent(op, explaining: explaining)
        case .present(let values):
            present = values
        }
        if op.test == .null { return null(present: present, explaining: explaining) }
        let policyValues: [PolicyValue]
        switch resolvedValues(in: context) {
        case .failure(let unknown): return unknown.finding
        case .success(let resolved): policyValues = resolved
        }
        let test = op.test.positive ?? op.test
        // The policy value each request value matches first, if any.
        var hits: [String?] = []
        hits.reserveCapacity(present.count)
        for value in present {
            var hit: String?
            for policyValue in policyValues {
                guard let matched = ConditionComparison.matches(value, policyValue, test) else {
                    return .unknown("\(operatorName) on \(key) cannot take the value \"\(policyValue.text)\"")
                }
                if matched {
                    hit = policyValue.text
                    break
                }
            }
            hits.append(hit)
        }
        // A plain test passes a request value that matches one of the policy's values (logical OR); a
        // negated one, a value that matches none of them (logical NOR).
        func passes(_ index: Int) -> Bool { (hits[index] != nil) != op.test.isNegated }
        switch op.qualifier {
        case nil:
            guard present.count == 1 else {
                return .unknown(
                    "\(key) has \(present.count) values; \(operatorName) needs ForAnyValue: or ForAllValues:")
            }
            let value = present[0]
            if passes(0) { return .holds("\(key) \(value) \(op.test.verb) \(listed)") }
            guard explaining else { return .fails("") }
            if op.test.isNegated, let hit = hits[0] {
                return .fails("\(key) \(value) \(op.test.failingVerb) \(hit), so \(operatorName) fails")
            }
            return .fails("\(key) \(value) \(op.test.failingVerb) \(listed)")
        case .forAnyValue:
            if let index = present.indices.first(where: passes) {
                return .holds("\(key) has \(present[index]), which \(op.test.verb) \(listed)")
            }
            return .fails(
                explaining
                    ? "no value of \(key) (\(present.joined(separator: ", "))) passes \(operatorName) \(listed)" : "")
        case .forAllValues:
            if let index = present.indices.first(where: { !passes($0) }) {
                let value = present[index]
                return .fails(explaining ? "a value of \(key) fails: \(key) \(value) \(op.test.failingVerb) \(listed)" : "")
            }
            return .holds("each value of \(key) (\(present.joined(separator: ", "))) \(op.test.verb) \(listed)")
        }
    }

    /// The documented rule for an absent key: "If the key that you specify in a policy condition is not
    /// present in the request context, the values do not match and the condition is false. If the policy
    /// condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right
    /// key is not present, the condition is true" (IAM User Guide, *Condition operators*); `…IfExists`
    /// holds, `ForAllValues:` holds, `ForAnyValue:` fails, `Null` says whether it should be absent.
    private func absent(_ op: ConditionOperator, explaining: Bool) -> PolicyFinding {
        if op.test == .null { return null(present: nil, explaining: explaining) }
        if op.ifExists || op.qualifier == .forAllValues || (op.qualifier == nil && op.test.isNegated) {
            return .holds("\(key) is absent, so \(operatorName) holds")
        }
        return .fails(explaining ? "\(key) is absent, so \(operatorName) fails" : "")
    }

    /// `"Null": {"key": "true"}` holds when the key is absent, `"false"` when it is present.
    private func null(present: [String]?, explaining: Bool) -> PolicyFinding {
        let wanted = values.map(ConditionComparison.boolean)
        if let odd = zip(values, wanted).first(where: { $0.1 == nil }) {
            return .unknown("Null on \(key) takes true or false, got \"\(odd.0)\"")
        }
        let isAbsent = present == nil
        let state = isAbsent ? "\(key) is absent" : "\(key) is present (\(present!.joined(separator: ", ")))"
        guard wanted.contains(isAbsent) else { return .fails(explaining ? "\(state), so Null fails" : "") }
        return .holds(state)
    }

    /// The policy's values with their variables replaced; an unknown variable leaves the condition unknown,
    /// a variable without a value matches nothing.
    private func resolvedValues(in context: RequestContext) -> Result<[PolicyValue], PolicyFindingBox> {
        if let fixed { return .success(fixed) }
        var resolved: [PolicyValue] = []
        for text in texts {
            switch text.resolve(in: context) {
            case .resolved(let parts): resolved.append(PolicyValue(parts: parts))
            case .noValue: continue
            case .unknown(let variable):
                return .failure(
                    PolicyFindingBox(
                        .unknown(
                            "\(operatorName) on \(key) uses the policy variable ${\(variable)}, which is not known for "
                                + "this request", missing: [variable])))
            }
        }
        return .success(resolved)
    }

    /// The policy's values in a reason: the value itself, or "any of [a, b]".
    var listed: String { values.count == 1 ? values[0] : "any of [\(values.joined(separator: ", "))]" }
}

/// A finding carried as an error, so that a helper can stop an evaluation with it.
struct PolicyFindingBox: Error {
    let finding: PolicyFinding
    init(_ finding: PolicyFinding) { self.finding = finding }
}
