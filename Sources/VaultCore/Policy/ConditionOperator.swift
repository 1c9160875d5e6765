/// A condition operator as IAM spells it: an optional set qualifier (`ForAnyValue:` / `ForAllValues:`), a
/// test, and an optional `IfExists` suffix, e.g. `ForAnyValue:StringLikeIfExists`.
public struct ConditionOperator: Equatable, Sendable, CustomStringConvertible {
    /// The tests this evaluator knows. Any other operator (`NumericLessThan`, `IpAddress`, …) makes the
    /// statement's answer unknown rather than guessed.
    public enum Test: String, CaseIterable, Sendable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case bool = "Bool"
        case null = "Null"

        /// A negated operator with several values holds when the key matches none of them (logical NOR),
        /// and holds when the key is absent (IAM User Guide, *Condition operators* and *Conditions with
        /// multiple context keys or values*).
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike: true
            default: false
            }
        }

        /// The test that holds exactly when this one fails for a present key: `StringEquals` and
        /// `StringNotEquals`, …; `nil` for `Bool` and `Null`.
        var opposite: Test? {
            switch self {
            case .stringEquals: .stringNotEquals
            case .stringNotEquals: .stringEquals
            case .stringEqualsIgnoreCase: .stringNotEqualsIgnoreCase
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringLike: .stringNotLike
            case .stringNotLike: .stringLike
            case .arnEquals: .arnNotEquals
            case .arnNotEquals: .arnEquals
            case .arnLike: .arnNotLike
            case .arnNotLike: .arnLike
            case .bool, .null: nil
            }
        }

        /// What a failing match says, for reasons: the verb of the opposite test.
        var failingVerb: String { opposite?.verb ?? "is not" }

        /// What a holding match says, for reasons: "equals", "is not like", …
        var verb: String {
            switch self {
            case .stringEquals, .arnEquals: "equals"
            case .stringNotEquals, .arnNotEquals: "does not equal"
            case .stringEqualsIgnoreCase: "equals, ignoring case,"
            case .stringNotEqualsIgnoreCase: "does not equal, ignoring case,"
            case .stringLike, .arnLike: "is like"
            case .stringNotLike, .arnNotLike: "is not like"
            case .bool: "is"
            case .null: "is null:"
            }
        }
    }

    /// How a key with several values in the request is compared (IAM User Guide, *Set operators for
    /// multivalued context keys*).
    public enum SetQualifier: String, Sendable {
        /// `ForAnyValue:`: at least one request value must pass; an absent or empty key fails.
        case forAnyValue = "ForAnyValue"
        /// `ForAllValues:`: every request value must pass; an absent or empty key passes.
        case forAllValues = "ForAllValues"
    }

    public var test: Test
    public var qualifier: SetQualifier?
    /// `…IfExists`: "If the policy key is present in the context of the request, process the key as
    /// specified in the policy. If the key is not present, evaluate the condition element as true." Every
    /// operator allows it but `Null`.
    public var ifExists: Bool

    public init(test: Test, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.test = test
        self.qualifier = qualifier
        self.ifExists = ifExists
    }

    /// Reads an operator name; `nil` when this evaluator does not know it. Names are case-sensitive, as IAM
    /// spells them.
    public init?(_ name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            guard let known = SetQualifier(rawValue: String(rest[..<colon])) else { return nil }
            qualifier = known
            rest = rest[rest.index(after: colon)...]
        }
        let ifExists = rest.hasSuffix("IfExists")
        if ifExists { rest = rest.dropLast("IfExists".count) }
        guard let test = Test(rawValue: String(rest)) else { return nil }
        if test == .null, ifExists || qualifier != nil { return nil }
        self.init(test: test, qualifier: qualifier, ifExists: ifExists)
    }

    public var description: String {
        (qualifier.map { "\($0.rawValue):" } ?? "") + test.rawValue + (ifExists ? "IfExists" : "")
    }
}
