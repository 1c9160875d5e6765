import VaultCore

/// The notices a snapshot carries: what the operator should know that is not part of the account
/// (a skipped store line, a torn line set aside, a source failing). The same notice twice in a
/// row is said once; past `limit` the oldest are dropped.
struct NoticeBoard: Sendable {
    /// The most notices a snapshot carries.
    static let limit = 200

    private(set) var notices: [Notice] = []

    /// Adds a notice; false when it repeats the last one (nothing changed).
    @discardableResult
    mutating func post(_ notice: Notice) -> Bool {
        if notices.last == notice { return false }
        notices.append(notice)
        if notices.count > Self.limit { notices.removeFirst(notices.count - Self.limit) }
        return true
    }
}
