/// Turns a pattern's JSON into an `EventPatternNode`, refusing what EventBridge refuses, with the field path.
enum EventPatternCompiler {
    static func compile(_ pattern: JSONValue) throws(EventPatternError) -> EventPatternNode {
        guard case .object(let object) = pattern else {
            throw EventPatternError(path: "", message: "pattern must be a JSON object, got \(pattern)")
        }
        let node = try compileObject(object, path: "", insideOr: false)
        if let failure = EventPatternComplexity.check(pattern) {
            throw EventPatternError(path: "", message: failure.message)
        }
        return node
    }

    /// Words event-ruler reserves, which cannot name a field inside a `$or` branch (event-ruler
    /// `Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP`).
    static let reservedInsideOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after",
        "date-on-or-after", "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range",
        "ip-address-not-in-range",
    ]

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func compileObject(_ object: [String: JSONValue], path: String, insideOr: Bool)
        throws(EventPatternError) -> EventPatternNode
    {
        guard !object.isEmpty else { throw EventPatternError(path: path, message: "empty objects are not allowed") }
        var fields: [EventPatternNode.Field] = []
        var alternatives: [[EventPatternNode]] = []
        for key in object.keys.sorted() {
            let value = object[key]!
            let fieldPath = join(path, key)
            if key == "$or" {
                alternatives.append(try compileOr(value, path: fieldPath))
                continue
            }
            if insideOr, reservedInsideOr.contains(key) {
                throw EventPatternError(
                    path: fieldPath, message: "\"\(key)\" is a reserved word and cannot name a field inside $or")
            }
            switch value {
            case .object(let inner):
                fields.append(
                    .init(name: key, pattern: .object(try compileObject(inner, path: fieldPath, insideOr: insideOr))))
            case .array(let items):
                fields.append(.init(name: key, pattern: .leaf(try compileLeaf(items, path: fieldPath))))
            default:
                throw EventPatternError(
                    path: fieldPath, message: "match values must be in an array or an object, got \(value)")
            }
        }
        return EventPatternNode(fields: fields, alternatives: alternatives)
    }

    private static func compileOr(_ value: JSONValue, path: String) throws(EventPatternError) -> [EventPatternNode] {
        guard case .array(let branches) = value else {
            throw EventPatternError(path: path, message: "$or must be an array of pattern objects, got \(value)")
        }
        guard branches.count >= 2 else {
            throw EventPatternError(path: path, message: "$or needs at least two pattern objects")
        }
        var nodes: [EventPatternNode] = []
        for (index, branch) in branches.enumerated() {
            let branchPath = "\(path)[\(index)]"
            guard case .object(let object) = branch else {
                throw EventPatternError(path: branchPath, message: "$or entries must be pattern objects, got \(branch)")
            }
            nodes.append(try compileObject(object, path: branchPath, insideOr: true))
        }
        return nodes
    }

    private static func compileLeaf(_ items: [JSONValue], path: String) throws(EventPatternError) -> EventPatternLeaf {
        guard !items.isEmpty else { throw EventPatternError(path: path, message: "empty arrays are not allowed") }
        var matchers: [EventPatternMatcher] = []
        for item in items {
            switch item {
            case .string, .number, .bool, .null:
                matchers.append(.exact(item))
            case .array:
                throw EventPatternError(path: path, message: "nested arrays are not allowed, got \(item)")
            case .object(let object):
                matchers.append(try compileOperator(object, path: path))
            }
        }
        return EventPatternLeaf(matchers: matchers)
    }

    private static func compileOperator(_ object: [String: JSONValue], path: String) throws(EventPatternError)
        -> EventPatternMatcher
    {
        guard object.count == 1, let (name, argument) = object.first else {
            throw EventPatternError(
                path: path,
                message: "an operator object must have exactly one key, got \(JSONValue.object(object))")
        }
        func fail(_ message: String) -> EventPatternError { EventPatternError(path: path, message: message) }
        func lift<T>(_ result: Result<T, EventPatternFailure>) throws(EventPatternError) -> T {
            switch result {
            case .success(let value): return value
            case .failure(let failure): throw fail(failure.message)
            }
        }
        switch name {
        case "prefix", "suffix":
            let (text, ignoringCase): (String, Bool)
            switch argument {
            case .string(let value):
                (text, ignoringCase) = (value, false)
            case .object(let inner) where inner.count == 1:
                guard case .string(let value)? = inner["equals-ignore-case"] else { fallthrough }
                (text, ignoringCase) = (EventPatternBytes.folded(value), true)
            default:
                throw fail("\(name) takes a string or {\"equals-ignore-case\": string}, got \(argument)")
            }
            return name == "prefix"
                ? .prefix(text, ignoringCase: ignoringCase) : .suffix(text, ignoringCase: ignoringCase)
        case "equals-ignore-case":
            guard case .string(let text) = argument else {
                throw fail("equals-ignore-case takes a string, got \(argument)")
            }
            return .equalsIgnoreCase(EventPatternBytes.folded(text))
        case "wildcard":
            guard case .string(let text) = argument else { throw fail("wildcard takes a string, got \(argument)") }
            return .wildcard(try lift(EventPatternWildcard.parse(text)))
        case "numeric":
            guard case .array(let items) = argument else { throw fail("numeric takes an array, got \(argument)") }
            return .numeric(try lift(EventPatternNumeric.parse(items)))
        case "exists":
            guard case .bool(let wanted) = argument else { throw fail("exists takes true or false, got \(argument)") }
            return .exists(wanted)
        case "cidr":
            guard case .string(let text) = argument else { throw fail("cidr takes a string, got \(argument)") }
            return .cidr(try lift(EventPatternCIDR.parse(text)))
        case "anything-but":
            return .anythingBut(try lift(compileAnythingBut(argument)))
        default:
            throw fail("unknown operator \"\(name)\"")
        }
    }

    private static func compileAnythingBut(_ argument: JSONValue)
        -> Result<EventPatternAnythingBut, EventPatternFailure>
    {
        switch argument {
        case .string, .number:
            return .success(.values(EventPatternValueSet([argument])))
        case .array(let items):
            guard !items.isEmpty else { return .failure(.init("anything-but list must not be empty")) }
            let allStrings = items.allSatisfy { if case .string = $0 { return true } else { return false } }
            let allNumbers = items.allSatisfy { if case .number = $0 { return true } else { return false } }
            guard allStrings || allNumbers else {
                return .failure(.init("anything-but list must hold only strings or only numbers, got \(argument)"))
            }
            return .success(.values(EventPatternValueSet(items)))
        case .object(let inner) where inner.count == 1:
            let (name, value) = inner.first!
            guard ["prefix", "suffix", "equals-ignore-case", "wildcard"].contains(name) else {
                return .failure(.init("unsupported operator \"\(name)\" inside anything-but"))
            }
            var strings: [String] = []
            switch value {
            case .string(let text): strings = [text]
            case .array(let items) where !items.isEmpty:
                for item in items {
                    guard case .string(let text) = item else {
                        return .failure(.init("anything-but \(name) takes a string or a list of strings, got \(value)"))
                    }
                    strings.append(text)
                }
            default:
                return .failure(.init("anything-but \(name) takes a string or a list of strings, got \(value)"))
            }
            // "Null prefix/suffix not allowed" (event-ruler): an empty prefix or suffix would exclude everything.
            if name == "prefix" || name == "suffix", strings.contains(where: \.isEmpty) {
                return .failure(.init("anything-but \(name) must not be empty"))
            }
            switch name {
            case "prefix": return .success(.prefixes(strings))
            case "suffix": return .success(.suffixes(strings))
            case "equals-ignore-case": return .success(.equalsIgnoreCase(strings.map(EventPatternBytes.folded)))
            default:
                var wildcards: [EventPatternWildcard] = []
                for text in strings {
                    switch EventPatternWildcard.parse(text) {
                    case .success(let wildcard): wildcards.append(wildcard)
                    case .failure(let failure): return .failure(failure)
                    }
                }
                return .success(.wildcards(wildcards))
            }
        default:
            return .failure(
                .init(
                    "anything-but takes a string, a number, a list of strings or of numbers, "
                        + "or one of prefix, suffix, equals-ignore-case, wildcard; got \(argument)"))
        }
    }
}
