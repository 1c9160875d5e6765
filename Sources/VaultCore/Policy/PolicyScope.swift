/// An element and its `Not…` twin: `Action` / `NotAction`, `Resource` / `NotResource`, `Principal` /
/// `NotPrincipal`. A statement holds one of each pair, never both.
public enum PolicyScope<Value: Equatable & Sendable>: Equatable, Sendable {
    /// `Action`, `Resource`, `Principal`: the statement covers what the value matches.
    case only(Value)
    /// `NotAction`, `NotResource`, `NotPrincipal`: the statement covers everything the value does not match.
    case allBut(Value)

    public var value: Value {
        switch self {
        case .only(let value), .allBut(let value): return value
        }
    }

    public var isNegated: Bool {
        if case .allBut = self { return true }
        return false
    }
}
