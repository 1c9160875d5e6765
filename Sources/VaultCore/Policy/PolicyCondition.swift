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
    /// Whether a value holds a policy variable (`${…}`) that this evaluator does not resolve. Variables
    /// exist only in Version `2012-10-17`; under `2008-10-17` or no Version, `${…}` is literal text.
    public var hasPolicyVariable: Bool
    /// The key lowercased once, for the case-insensitive lookups in the request's context.
    let foldedKey: String
    let likePatterns: [PolicyPattern]
    /// Per value, its six colon-separated segments as patterns; `nil` for a value that is not an ARN.
    let arnPatterns: [[PolicyPattern]?]

    public init(operatorName: String, key: String, values: [String], resolvesPolicyVariables: Bool) {
        self.operatorName = operatorName
        conditionOperator = ConditionOperator(operatorName)
        self.key = key
        foldedKey = key.lowercased()
        self.values = values
        hasPolicyVariable = resolvesPolicyVariables && values.contains { $0.contains("${") }
        switch conditionOperator?.test {
        case .stringLike, .stringNotLike:
            likePatterns = values.map { PolicyPattern($0, .string) }
            arnPatterns = []
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            likePatterns = []
            arnPatterns = values.map { value in Self.segments(of: value)?.map { PolicyPattern(String($0), .string) } }
        default:
            likePatterns = []
            arnPatterns = []
        }
    }

    /// The six segments of an ARN; the last, the resource, keeps any further colons.
    static func segments(of text: String) -> [Substring]? {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 ? parts : nil
    }

    /// Whether the condition holds for `context`, and why.
    func evaluate(in context: RequestContext) -> PolicyFinding {
        guard let op = conditionOperator else {
            return .unknown("condition operator \"\(operatorName)\" is not supported")
        }
        guard context.knows(folded: foldedKey) else {
            return .unknown("condition key \"\(key)\" is not known for this request")
        }
        if hasPolicyVariable, let value = values.first(where: { $0.contains("${") }) {
            return .unknown("\(operatorName) on \(key) uses the policy variable in \"\(value)\", which is not resolved")
        }
        let present = context.values(folded: foldedKey).flatMap { $0.isEmpty ? nil : $0 }
        if op.test == .null { return evaluateNull(present: present) }
        if op.test == .bool, let odd = values.first(where: { Self.boolean($0) == nil }) {
            return .unknown("Bool on \(key) takes true or false, got \"\(odd)\"")
        }
        guard let present else {
            // The documented rule for an absent key: IfExists and ForAllValues hold, a negated operator
            // holds, anything else fails.
            if op.ifExists || op.qualifier == .forAllValues || (op.qualifier == nil && op.test.isNegated) {
                return .holds("\(key) is absent, so \(operatorName) holds")
            }
            return .fails
        }
        switch op.qualifier {
        case nil:
            guard present.count == 1 else {
                return .unknown(
                    "\(key) has \(present.count) values; \(operatorName) needs ForAnyValue: or ForAllValues:")
            }
            return passes(present[0], op.test) ? .holds("\(key) \(present[0]) \(op.test.verb) \(listed)") : .fails
        case .forAnyValue:
            guard let value = present.first(where: { passes($0, op.test) }) else { return .fails }
            return .holds("\(key) has \(value), which \(op.test.verb) \(listed)")
        case .forAllValues:
            guard present.allSatisfy({ passes($0, op.test) }) else { return .fails }
            return .holds("each value of \(key) (\(present.joined(separator: ", "))) \(op.test.verb) \(listed)")
        }
    }

    /// The policy's values in a reason: the value itself, or "any of [a, b]".
    var listed: String { values.count == 1 ? values[0] : "any of [\(values.joined(separator: ", "))]" }

    /// `"Null": {"key": "true"}` holds when the key is absent, `"false"` when it is present.
    private func evaluateNull(present: [String]?) -> PolicyFinding {
        let wanted = values.map(Self.boolean)
        if let odd = zip(values, wanted).first(where: { $0.1 == nil }) {
            return .unknown("Null on \(key) takes true or false, got \"\(odd.0)\"")
        }
        let isAbsent = present == nil
        guard wanted.contains(isAbsent) else { return .fails }
        return .holds(isAbsent ? "\(key) is absent" : "\(key) is present (\(present!.joined(separator: ", ")))")
    }

    /// Whether one request value passes the test: for a plain test, it matches one of the policy's values
    /// (logical OR); for a negated one, it matches none of them (logical NOR).
    func passes(_ value: String, _ test: ConditionOperator.Test) -> Bool {
        test.isNegated ? !matchesAny(value, test) : matchesAny(value, test)
    }

    private func matchesAny(_ value: String, _ test: ConditionOperator.Test) -> Bool {
        firstMatch(of: value, test) != nil
    }

    /// The policy value `value` matches first, ignoring negation.
    ///
    /// "ArnEquals, ArnLike: Case-sensitive matching of the ARN. Each of the six colon-delimited components
    /// of the ARN is checked separately and each can include multi-character match wildcards (*) or
    /// single-character match wildcards (?)" (IAM User Guide, *Condition operators*). So a wildcard never
    /// crosses a colon of the first five segments, and a value that is not an ARN matches nothing.
    func firstMatch(of value: String, _ test: ConditionOperator.Test) -> String? {
        switch test {
        case .stringEquals, .stringNotEquals:
            return values.first { $0 == value }
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .bool:
            let folded = value.lowercased()
            return values.first { $0.lowercased() == folded }
        case .stringLike, .stringNotLike:
            return likePatterns.first { $0.matches(value) }?.text
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            guard let segments = Self.segments(of: value) else { return nil }
            return zip(values, arnPatterns).first { _, pattern in
                guard let pattern else { return false }
                return zip(pattern, segments).allSatisfy { $0.matches($1) }
            }?.0
        case .null:
            return nil
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
