/// A compiled pattern object: every field must match (AND), and each `$or` must have a branch that matches.
struct EventPatternNode: Equatable, Sendable {
    struct Field: Equatable, Sendable {
        let name: String
        let pattern: FieldPattern
    }
    enum FieldPattern: Equatable, Sendable {
        case leaf(EventPatternLeaf)
        case object(EventPatternNode)
    }

    let fields: [Field]
    /// Each entry is one `$or`: a list of alternative sub-patterns applied at this same level.
    let alternatives: [[EventPatternNode]]

    /// Matches against the event object at this level; nil when the event has no object here, in which case
    /// only patterns satisfied by absent fields (`exists: false`) can match.
    func matches(_ object: [String: JSONValue]?) -> Bool {
        for field in fields where !Self.matches(field.pattern, object?[field.name]) { return false }
        for branches in alternatives where !branches.contains(where: { $0.matches(object) }) { return false }
        return true
    }

    private static func matches(_ pattern: FieldPattern, _ value: JSONValue?) -> Bool {
        switch pattern {
        case .leaf(let leaf):
            return leaf.matches(scalars(in: value))
        case .object(let node):
            switch value {
            case .object(let object)?:
                return node.matches(object)
            case .array(let elements)?:
                let objects = flattened(elements).compactMap { element -> [String: JSONValue]? in
                    if case .object(let object) = element { return object }
                    return nil
                }
                // Fields matched inside an array must come from the same element.
                if objects.isEmpty { return node.matches(nil) }
                return objects.contains { node.matches($0) }
            default:
                return node.matches(nil)
            }
        }
    }

    private static func flattened(_ elements: [JSONValue]) -> [JSONValue] {
        elements.flatMap { element -> [JSONValue] in
            if case .array(let inner) = element { return flattened(inner) }
            return [element]
        }
    }

    private static func scalars(in value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil, .object?: return []
        case .array(let elements)?:
            return flattened(elements).filter {
                if case .object = $0 { return false }
                return true
            }
        case let scalar?: return [scalar]
        }
    }
}
