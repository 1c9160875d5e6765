import VaultCore

/// What `--vault` names: a vault by name, or as `ACCOUNT/REGION/NAME` when several accounts or
/// regions hold a vault of that name.
enum VaultArgument {
    /// The one vault `text` names, or an error that says why not: none by that name (with the
    /// nearest name), or several (each listed in the form that names it alone).
    static func resolve(_ text: String, in state: AccountState) throws -> Vault {
        let found = state.vaults(named: text)
        if found.count == 1 { return found[0] }
        if found.isEmpty { throw CLIError("no vault named \"\(text)\" in the store" + suggestion(for: text, in: state)) }
        let names = found.map { "\"\($0.key)\"" }.joined(separator: ", ")
        throw CLIError("\"\(text)\" names \(found.count) vaults, in several accounts or regions: give one of \(names)")
    }

    /// Checks every name or qualified key of a list against the store (each may name several
    /// vaults); throws for the first that names none.
    static func requireKnown(_ texts: [String], in state: AccountState, what: String = "no vault named") throws {
        for text in texts where state.vaults(named: text).isEmpty {
            throw CLIError("\(what) \"\(text)\"" + suggestion(for: text, in: state))
        }
    }

    private static func suggestion(for text: String, in state: AccountState) -> String {
        Suggestion.clause(for: text, among: Set(state.vaults.keys.map(\.name)))
    }
}
