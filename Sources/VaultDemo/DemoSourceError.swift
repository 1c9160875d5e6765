/// Why the demo source cannot go on.
public enum DemoSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `poll` before `start`.
    case notStarted
    /// The store holds vaults of another account: it is not a demo store.
    case foreignAccount(String)

    public var description: String {
        switch self {
        case .notStarted: return "The demo source was polled before it was started."
        case .foreignAccount(let account):
            return "The store holds vaults of account \(account), not of the demo account \(DemoAccount.accountId)."
        }
    }
}
