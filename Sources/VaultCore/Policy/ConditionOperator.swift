/// A condition operator as IAM spells it: an optional set qualifier (`ForAnyValue:` / `ForAllValues:`), a
/// test, and an optional `IfExists` suffix, e.g. `ForAnyValue:StringLikeIfExists`.
public struct ConditionOperator: Equatable, Sendable, CustomStringConvertible {
    /// The tests of the IAM User Guide's *Condition operators* page. Any other operator makes the statement's
    /// answer unknown rather than guessed.
    public enum Test: String, CaseIterable, Sendable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// A negated operator with several values holds when the key matches none of them (logical NOR),
        /// and holds when the key is absent: "If the policy condition requires that the key is not matched,
        /// such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true"
        /// (IAM User Guide, *Condition operators*).
        public var isNegated: Bool { positive != nil }

        /// For a negated test, the test it negates: `StringNotEquals` → `StringEquals`.
        var positive: Test? {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: nil
            }
        }

        /// The test that holds exactly when this one fails for a present key; `nil` for the ordering tests,
        /// `Bool`, `BinaryEquals` and `Null`.
        var opposite: Test? {
            if let positive { return positive }
            return Test.allCases.first { $0.positive == self }
        }

        /// What a failing match says, for reasons: the verb of the opposite test.
        var failingVerb: String { opposite?.verb ?? "does not pass \(rawValue) against" }

        /// What a holding match says, for reasons: "equals", "is not like", …
        var verb: String {
            switch self {
            case .stringEquals, .arnEquals, .numericEquals, .dateEquals, .binaryEquals: "equals"
            case .stringNotEquals, .arnNotEquals, .numericNotEquals, .dateNotEquals: "does not equal"
            case .stringEqualsIgnoreCase: "equals, ignoring case,"
            case .stringNotEqualsIgnoreCase: "does not equal, ignoring case,"
            case .stringLike, .arnLike: "is like"
            case .stringNotLike, .arnNotLike: "is not like"
            case .numericLessThan, .dateLessThan: "is less than"
            case .numericLessThanEquals, .dateLessThanEquals: "is at most"
            case .numericGreaterThan, .dateGreaterThan: "is greater than"
            case .numericGreaterThanEquals, .dateGreaterThanEquals: "is at least"
            case .ipAddress: "is in"
            case .notIpAddress: "is not in"
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
