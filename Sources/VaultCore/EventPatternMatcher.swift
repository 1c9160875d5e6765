/// One entry of a pattern's leaf array. A leaf matches when any of its matchers does.
enum EventPatternMatcher: Sendable {
    /// A string, number (compared numerically), boolean or `null`.
    case exact(JSONValue)
    /// When `ignoringCase`, the compiler has already lowercased the text.
    case prefix(String, ignoringCase: Bool)
    /// When `ignoringCase`, the compiler has already lowercased the text.
    case suffix(String, ignoringCase: Bool)
    /// The compiler has already lowercased the text.
    case equalsIgnoreCase(String)
    case wildcard(EventPatternWildcard)
    case anythingBut(EventPatternAnythingBut)
    case numeric(EventPatternNumeric)
    case cidr(EventPatternCIDR)
    /// Handled on the whole leaf, not per value: see `EventPatternLeaf`.
    case exists(Bool)

    /// Whether one scalar event value (never an object or array) satisfies this matcher.
    func matches(_ value: JSONValue) -> Bool {
        switch self {
        case .exact(let expected):
            return expected == value
        case .prefix(let prefix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            return EventPatternBytes.hasPrefix(ignoringCase ? EventPatternBytes.folded(text) : text, prefix)
        case .suffix(let suffix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            return EventPatternBytes.hasSuffix(ignoringCase ? EventPatternBytes.folded(text) : text, suffix)
        case .equalsIgnoreCase(let expected):
            guard case .string(let text) = value else { return false }
            return EventPatternBytes.equal(EventPatternBytes.folded(text), expected)
        case .wildcard(let wildcard):
            guard case .string(let text) = value else { return false }
            return wildcard.matches(text)
        case .anythingBut(let anythingBut):
            return anythingBut.matches(value)
        case .numeric(let range):
            guard case .number(let number) = value else { return false }
            return range.matches(number)
        case .cidr(let block):
            guard case .string(let text) = value else { return false }
            return block.matches(text)
        case .exists(let wanted):
            return wanted
        }
    }
}

/// `anything-but`: a present value that is none of the listed values, or that fails every listed string test.
/// Values that are not strings pass the string tests (they neither start nor end with anything).
enum EventPatternAnythingBut: Sendable {
    case values(EventPatternValueSet)
    case prefixes([String])
    case suffixes([String])
    /// The compiler has already lowercased the words.
    case equalsIgnoreCase([String])
    case wildcards([EventPatternWildcard])

    func matches(_ value: JSONValue) -> Bool {
        if case .values(let excluded) = self { return !excluded.contains(value) }
        guard case .string(let text) = value else { return true }
        switch self {
        case .values: return true
        case .prefixes(let prefixes): return !prefixes.contains { EventPatternBytes.hasPrefix(text, $0) }
        case .suffixes(let suffixes): return !suffixes.contains { EventPatternBytes.hasSuffix(text, $0) }
        case .equalsIgnoreCase(let words):
            let lowered = EventPatternBytes.folded(text)
            return !words.contains { EventPatternBytes.equal(lowered, $0) }
        case .wildcards(let wildcards): return !wildcards.contains { $0.matches(text) }
        }
    }
}

/// A pattern field whose value is an array of matchers, split at compile time so that matching allocates nothing:
/// the exact values go to a set, `exists` becomes two flags, and the other operators are tried in order.
struct EventPatternLeaf: Sendable {
    /// The leaf's exact values.
    let exact: EventPatternValueSet
    /// Every matcher that is neither an exact value nor `exists`, in the pattern's order.
    let operators: [EventPatternMatcher]
    /// Whether the leaf holds `exists: true`, met by any value, or `exists: false`, met by none.
    let matchesAnyValue: Bool
    let matchesNoValue: Bool

    init(matchers: [EventPatternMatcher]) {
        var exact: [JSONValue] = []
        var operators: [EventPatternMatcher] = []
        var matchesAnyValue = false
        var matchesNoValue = false
        for matcher in matchers {
            switch matcher {
            case .exact(let value): exact.append(value)
            case .exists(true): matchesAnyValue = true
            case .exists(false): matchesNoValue = true
            default: operators.append(matcher)
            }
        }
        self.exact = EventPatternValueSet(exact)
        self.operators = operators
        self.matchesAnyValue = matchesAnyValue
        self.matchesNoValue = matchesNoValue
    }

    /// A lone exact value, such as `"source": ["aws.backup"]`.
    var isSingleExactValue: Bool { exact.count == 1 && operators.isEmpty && !matchesAnyValue && !matchesNoValue }

    /// Whether the event value at the field matches: its scalar values (array elements, nested arrays flattened)
    /// are tried against the matchers. A missing field, an object and an array without scalars have no value,
    /// which only `exists: false` accepts; `exists: true` accepts any value.
    func matches(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .object?:
            return matchesNoValue
        case .array(let elements)?:
            var sawScalar = false
            if matches(anyScalarIn: elements, sawScalar: &sawScalar) { return true }
            return sawScalar ? matchesAnyValue : matchesNoValue
        case let scalar?:
            return matchesAnyValue || matchesScalar(scalar)
        }
    }

    private func matches(anyScalarIn elements: [JSONValue], sawScalar: inout Bool) -> Bool {
        for element in elements {
            switch element {
            case .object:
                continue
            case .array(let inner):
                if matches(anyScalarIn: inner, sawScalar: &sawScalar) { return true }
            default:
                sawScalar = true
                if matchesAnyValue || matchesScalar(element) { return true }
            }
        }
        return false
    }

    private func matchesScalar(_ value: JSONValue) -> Bool {
        if exact.contains(value) { return true }
        for matcher in operators where matcher.matches(value) { return true }
        return false
    }
}
