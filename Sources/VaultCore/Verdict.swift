/// The answer every rule gives: allowed, or refused with the reason an operator can act on.
public enum Verdict: Equatable, Sendable {
    case allowed(because: String)
    case refused(because: String)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    public var reason: String {
        switch self {
        case .allowed(let r), .refused(let r): return r
        }
    }

    /// The AWS error a refused call would get, for the demo account and the alert records.
    public var word: String { isAllowed ? "allowed" : "refused" }
}
