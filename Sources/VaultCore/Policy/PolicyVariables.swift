import Foundation

/// A value of `Resource` or of a condition that may hold policy variables (IAM User Guide, *IAM policy
/// elements: Variables and tags*): `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, and the
/// characters `${*}`, `${?}`, `${$}` that stand for a literal `*`, `?` and `$`. Variables exist only under
/// Version `2012-10-17`; otherwise the whole text is literal.
struct VariableText: Equatable, Sendable {
    enum Part: Equatable, Sendable {
        /// Text as written: its `*` and `?` are wildcards where the element has wildcards.
        case text(String)
        /// A character that stays literal even where wildcards exist (`${*}`, `${?}`, `${$}`).
        case literal(String)
        /// A key's value, with the default to use when the request has none.
        case variable(key: String, defaultValue: String?)
    }

    let parts: [Part]

    /// Reads `text`; without `resolves` (an older Version) it is one literal run of text.
    init(_ text: String, resolves: Bool) {
        guard resolves, text.contains("${") else {
            parts = [.text(text)]
            return
        }
        var parts: [Part] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            if start.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<start.lowerBound]))) }
            parts.append(Self.part(String(rest[start.upperBound..<end])))
            rest = rest[rest.index(after: end)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// `*`, `?`, `$`, or `key` / `key, 'default'` (a quote inside the default is written twice).
    private static func part(_ inside: String) -> Part {
        let trimmed = inside.trimmingCharacters(in: .whitespaces)
        if ["*", "?", "$"].contains(trimmed) { return .literal(trimmed) }
        guard let comma = trimmed.firstIndex(of: ",") else { return .variable(key: trimmed, defaultValue: nil) }
        let key = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
        let quoted = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        guard quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") else {
            return .variable(key: trimmed, defaultValue: nil)
        }
        let value = quoted.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'")
        return .variable(key: key, defaultValue: value)
    }

    var hasVariables: Bool { parts.contains { if case .variable = $0 { true } else { false } } }

    /// The keys the variables read, as written.
    var keys: [String] {
        parts.compactMap { if case .variable(let key, _) = $0 { key } else { nil } }
    }

    /// What the text says in `context`.
    enum Resolution: Equatable, Sendable {
        /// The parts with every variable replaced by its value (`.literal`, never a wildcard).
        case resolved([Part])
        /// A variable's key is absent (or multivalued) and has no default: "When there is no value in the
        /// request context … the value is effectively null. There is no equal or like value" — nothing
        /// matches it.
        case noValue(key: String)
        /// A variable's key cannot be known for this request.
        case unknown(key: String)
    }

    func resolve(in context: RequestContext) -> Resolution {
        var resolved: [Part] = []
        for part in parts {
            guard case .variable(let key, let defaultValue) = part else {
                resolved.append(part)
                continue
            }
            switch context.lookup(folded: key.lowercased()) {
            case .present(let values) where values.count == 1:
                resolved.append(.literal(values[0]))
            case .unknown:
                return .unknown(key: key)
            case .present, .absent:
                guard let defaultValue else { return .noValue(key: key) }
                resolved.append(.literal(defaultValue))
            }
        }
        return .resolved(resolved)
    }

    /// The text with every part spelled out, for reasons.
    static func spelled(_ parts: [Part]) -> String {
        parts.map { part in
            switch part {
            case .text(let text), .literal(let text): text
            case .variable(let key, _): "${\(key)}"
            }
        }.joined()
    }
}
