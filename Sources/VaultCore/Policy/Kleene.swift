/// A yes/no answer that may be open, combined as Kleene's three-valued logic, remembering which undecidable
/// statements leave it open: so an answer is unknown only when a statement that cannot be decided could
/// change it, and says which.
struct Kleene: Sendable {
    enum Value: Equatable, Sendable { case yes, no, open }

    let value: Value
    /// The statements that cannot be decided and on which the answer hangs; empty unless open.
    let open: [StatementMatch]

    static let yes = Kleene(value: .yes, open: [])
    static let no = Kleene(value: .no, open: [])
    static func open(_ statements: [StatementMatch]) -> Kleene { Kleene(value: .open, open: statements) }
    static func of(_ flag: Bool) -> Kleene { flag ? .yes : .no }

    /// AND: no when any part is no; open when none is no and some are open.
    static func all(_ parts: [Kleene]) -> Kleene {
        if parts.contains(where: { $0.value == .no }) { return .no }
        let open = parts.filter { $0.value == .open }
        return open.isEmpty ? .yes : .open(open.flatMap(\.open))
    }

    /// OR: yes when any part is yes; open when none is yes and some are open.
    static func any(_ parts: [Kleene]) -> Kleene {
        if parts.contains(where: { $0.value == .yes }) { return .yes }
        let open = parts.filter { $0.value == .open }
        return open.isEmpty ? .no : .open(open.flatMap(\.open))
    }
}
