/// An order `s` can put a list in: its name, the column it sorts on (marked ▲ or ▼ in that
/// column's header at every width) and its direction.
public struct SortOrder: Equatable, Sendable {
    public var name: String
    /// The title of the column it sorts on.
    public var column: String
    public var descending: Bool

    public init(_ name: String, column: String, descending: Bool = false) {
        self.name = name
        self.column = column
        self.descending = descending
    }

    public var arrow: String { descending ? "▼" : "▲" }
}

extension Tab {
    /// The orders `s` cycles through on this tab. Inside one vault, ordering the points by vault
    /// would do nothing, so it is not offered there.
    func sortOrders(scoped: Bool = false) -> [SortOrder] {
        switch self {
        case .vaults:
            return [
                SortOrder("name", column: "NAME"), SortOrder("weakest lock", column: "LOCK"),
                SortOrder("points", column: "POINTS", descending: true),
            ]
        case .recoveryPoints:
            let all = [
                SortOrder("newest", column: "CREATED", descending: true), SortOrder("expires", column: "EXPIRES"),
                SortOrder("vault", column: "VAULT"), SortOrder("size", column: "SIZE", descending: true),
            ]
            return scoped ? all.filter { $0.name != "vault" } : all
        case .alerts:
            return [
                SortOrder("newest", column: "TIME", descending: true),
                SortOrder("severity", column: "SEV", descending: true), SortOrder("unacked first", column: "ACK"),
            ]
        case .guardrails:
            return [SortOrder("vault", column: "VAULT"), SortOrder("worst first", column: "VERDICT", descending: true)]
        }
    }
}
