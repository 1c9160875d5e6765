/// One entry of a pattern's leaf array. A leaf matches when any of its matchers does.
enum EventPatternMatcher: Equatable, Sendable {
    /// A string, number (compared numerically), boolean or `null`.
    case exact(JSONValue)
    case prefix(String, ignoringCase: Bool)
    case suffix(String, ignoringCase: Bool)
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
            return ignoringCase ? text.lowercased().hasPrefix(prefix.lowercased()) : text.hasPrefix(prefix)
        case .suffix(let suffix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            return ignoringCase ? text.lowercased().hasSuffix(suffix.lowercased()) : text.hasSuffix(suffix)
        case .equalsIgnoreCase(let expected):
            guard case .string(let text) = value else { return false }
            return text.lowercased() == expected.lowercased()
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
enum EventPatternAnythingBut: Equatable, Sendable {
    case values([JSONValue])
    case prefixes([String])
    case suffixes([String])
    case equalsIgnoreCase([String])
    case wildcards([EventPatternWildcard])

    func matches(_ value: JSONValue) -> Bool {
        if case .values(let excluded) = self { return !excluded.contains(value) }
        guard case .string(let text) = value else { return true }
        switch self {
        case .values: return true
        case .prefixes(let prefixes): return !prefixes.contains { text.hasPrefix($0) }
        case .suffixes(let suffixes): return !suffixes.contains { text.hasSuffix($0) }
        case .equalsIgnoreCase(let words): return !words.contains { $0.lowercased() == text.lowercased() }
        case .wildcards(let wildcards): return !wildcards.contains { $0.matches(text) }
        }
    }
}

/// A pattern field whose value is an array of matchers.
struct EventPatternLeaf: Equatable, Sendable {
    let matchers: [EventPatternMatcher]

    /// `values` are the scalar values found at the field (array elements flattened); empty when the field is
    /// missing or holds only objects or empty arrays. `exists` looks only at whether there is such a value.
    func matches(_ values: [JSONValue]) -> Bool {
        matchers.contains { matcher in
            if case .exists(let wanted) = matcher { return wanted != values.isEmpty }
            return values.contains { matcher.matches($0) }
        }
    }
}
