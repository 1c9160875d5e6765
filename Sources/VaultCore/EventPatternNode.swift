/// A compiled pattern object: every field must match (AND), and each `$or` must have a branch that matches.
struct EventPatternNode: Sendable {
    /// A class, so that going through `fields` retains one reference per field rather than all it holds.
    final class Field: Sendable {
        let name: String
        let pattern: FieldPattern

        init(name: String, pattern: FieldPattern) {
            self.name = name
            self.pattern = pattern
        }

        /// The value of this field in `object`: a key equal to the name byte for byte (a dictionary of
        /// `String` finds canonically equivalent keys too).
        func value(in object: [String: JSONValue]) -> JSONValue? {
            guard let index = object.index(forKey: name) else { return nil }
            return EventPatternBytes.equal(object.keys[index], name) ? object.values[index] : nil
        }

        func matches(_ value: JSONValue?) -> Bool {
            switch pattern {
            case .leaf(let leaf):
                return leaf.matches(value)
            case .object(let node):
                switch value {
                case .object(let object)?:
                    return node.matches(object)
                case .array(let elements)?:
                    // Fields matched inside an array must come from the same element.
                    var sawObject = false
                    if node.matches(anyObjectIn: elements, sawObject: &sawObject) { return true }
                    return !sawObject && node.matchesMissing
                default:
                    return node.matchesMissing
                }
            }
        }
    }
    enum FieldPattern: Sendable {
        case leaf(EventPatternLeaf)
        case object(EventPatternNode)
    }

    /// Tested in the order `testingOrder` gives; the order never changes the result, only how soon a miss is seen.
    let fields: [Field]
    /// `fields` again, unretained: `fields` keeps them alive as long as the node, and matching goes through them
    /// without a retain and release per field.
    private let unretainedFields: [Unmanaged<Field>]
    /// Each entry is one `$or`: a list of alternative sub-patterns applied at this same level.
    let alternatives: [[EventPatternNode]]
    /// `matches(nil)`, worked out once: what the node says where the event has no object.
    let matchesMissing: Bool

    init(fields: [Field], alternatives: [[EventPatternNode]]) {
        let ordered = Self.testingOrder(fields)
        self.fields = ordered
        unretainedFields = ordered.map { Unmanaged.passUnretained($0) }
        self.alternatives = alternatives
        matchesMissing =
            ordered.allSatisfy { $0.matches(nil) } && alternatives.allSatisfy { $0.contains { $0.matchesMissing } }
    }

    /// Matches against the event object at this level; nil when the event has no object here, in which case
    /// only patterns satisfied by absent fields (`exists: false`) can match.
    func matches(_ object: [String: JSONValue]?) -> Bool {
        guard let object else { return matchesMissing }
        for field in unretainedFields {
            guard field._withUnsafeGuaranteedRef({ $0.matches($0.value(in: object)) }) else { return false }
        }
        // Through indices, so that each branch is matched where it lies rather than copied (a retain per array).
        for alternative in alternatives.indices {
            let branches = alternatives[alternative].indices
            guard branches.contains(where: { alternatives[alternative][$0].matches(object) }) else { return false }
        }
        return true
    }

    /// Whether an object among `elements` (nested arrays flattened) matches; `sawObject` tells whether there was one.
    fileprivate func matches(anyObjectIn elements: [JSONValue], sawObject: inout Bool) -> Bool {
        for element in elements {
            switch element {
            case .object(let object):
                sawObject = true
                if matches(object) { return true }
            case .array(let inner):
                if matches(anyObjectIn: inner, sawObject: &sawObject) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Fields whose leaf holds a single exact value come last: those are most often routing fields (`source`,
    /// `detail-type`, `eventSource`) that nearly every event a rule sees carries, so they rarely reject one.
    /// Other leaves, then nested objects, are tried first, each group in the compiler's (sorted) order.
    private static func testingOrder(_ fields: [Field]) -> [Field] {
        func rank(_ field: Field) -> Int {
            switch field.pattern {
            case .leaf(let leaf): return leaf.isSingleExactValue ? 2 : 0
            case .object: return 1
            }
        }
        return [0, 1, 2].flatMap { group in fields.filter { rank($0) == group } }
    }
}
