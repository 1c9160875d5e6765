/// Turns a policy's JSON into a `PolicyDocument`, refusing what IAM refuses, with the field path.
enum PolicyParser {
    static func document(_ json: JSONValue, name: String) throws(PolicyError) -> PolicyDocument {
        guard case .object(let root) = json else {
            throw PolicyError(path: "", message: "a policy must be a JSON object, got \(json)")
        }
        try refuseUnknownFields(root, allowed: ["Version", "Id", "Statement"], path: "")
        var version: String?
        if let value = root["Version"] {
            guard case .string(let text) = value, PolicyDocument.versions.contains(text) else {
                throw PolicyError(path: "Version", message: "must be \"2012-10-17\" or \"2008-10-17\", got \(value)")
            }
            version = text
        }
        if let id = root["Id"] { _ = try string(id, path: "Id") }
        // "If you do not include a Version element, the value defaults to 2008-10-17 … policy variables
        // … are treated as literal strings" (IAM User Guide, *IAM JSON policy elements: Version*).
        let resolves = version == "2012-10-17"
        let statements: [PolicyStatement]
        switch root["Statement"] {
        case nil:
            throw PolicyError(path: "Statement", message: "is required")
        case .object(let object):
            statements = [try statement(object, index: 0, path: "Statement", resolves: resolves)]
        case .array(let items):
            var parsed: [PolicyStatement] = []
            for (index, item) in items.enumerated() {
                let path = "Statement[\(index)]"
                guard case .object(let object) = item else {
                    throw PolicyError(path: path, message: "a statement must be an object, got \(item)")
                }
                parsed.append(try statement(object, index: index, path: path, resolves: resolves))
            }
            statements = parsed
        case let other?:
            throw PolicyError(path: "Statement", message: "must be an object or a list of objects, got \(other)")
        }
        var document = PolicyDocument(name: name, version: version, statements: statements)
        if case .object = root["Statement"] { document.statementIsList = false }
        return document
    }

    private static let statementFields: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    private static func statement(_ object: [String: JSONValue], index: Int, path: String, resolves: Bool)
        throws(PolicyError) -> PolicyStatement
    {
        try refuseUnknownFields(object, allowed: statementFields, path: path)
        let sid = try object["Sid"].map { v throws(PolicyError) in try string(v, path: "\(path).Sid") }
        guard let effectValue = object["Effect"] else {
            throw PolicyError(path: "\(path).Effect", message: "is required")
        }
        guard case .string(let effectText) = effectValue, let effect = PolicyEffect(rawValue: effectText) else {
            throw PolicyError(path: "\(path).Effect", message: "must be \"Allow\" or \"Deny\", got \(effectValue)")
        }
        let principal = try pair(object, "Principal", path: path) { v, p throws(PolicyError) in
            try principals(v, path: p)
        }
        if case .allBut = principal, effect == .allow {
            throw PolicyError(path: "\(path).NotPrincipal", message: "must be used with \"Effect\": \"Deny\"")
        }
        let action = try pair(object, "Action", path: path) { v, p throws(PolicyError) in
            try patterns(v, path: p, .action)
        }
        guard let action else { throw PolicyError(path: path, message: "needs Action or NotAction") }
        let resource = try pair(object, "Resource", path: path) { v, p throws(PolicyError) in
            try patterns(v, path: p, .resource)
        }
        guard let resource else { throw PolicyError(path: path, message: "needs Resource or NotResource") }
        let conditions = try object["Condition"].map { v throws(PolicyError) in
            try PolicyConditionParser.block(v, path: "\(path).Condition", resolves: resolves)
        }
        return PolicyStatement(
            index: index, sid: sid, effect: effect, principal: principal, action: action, resource: resource,
            conditions: conditions ?? [], resolvesPolicyVariables: resolves)
    }

    /// Reads `Element` or `NotElement`, refusing both.
    private static func pair<Value>(
        _ object: [String: JSONValue], _ element: String, path: String,
        _ read: (JSONValue, String) throws(PolicyError) -> Value
    ) throws(PolicyError) -> PolicyScope<Value>? {
        let plain = object[element]
        let negated = object["Not\(element)"]
        switch (plain, negated) {
        case (let value?, nil): return .only(try read(value, "\(path).\(element)"))
        case (nil, let value?): return .allBut(try read(value, "\(path).Not\(element)"))
        case (nil, nil): return nil
        case (.some, .some): throw PolicyError(path: path, message: "has both \(element) and Not\(element)")
        }
    }

    private static func patterns(_ value: JSONValue, path: String, _ flavour: PolicyPattern.Flavour)
        throws(PolicyError) -> [PolicyPattern]
    {
        let texts = try strings(value, path: path)
        if flavour == .action, let odd = texts.first(where: { $0 != "*" && !$0.contains(":") }) {
            throw PolicyError(path: path, message: "an action must be \"*\" or \"service:action\", got \"\(odd)\"")
        }
        return texts.map { PolicyPattern($0, flavour) }
    }

    private static func principals(_ value: JSONValue, path: String) throws(PolicyError) -> PolicyPrincipals {
        switch value {
        case .string("*"):
            return .everyone
        case .object(let object) where !object.isEmpty:
            var entries: [PolicyPrincipals.Entry] = []
            for key in object.keys.sorted() {
                guard let kind = PolicyPrincipals.Kind(rawValue: key) else {
                    throw PolicyError(path: "\(path).\(key)", message: "unknown kind of principal")
                }
                for text in try strings(object[key]!, path: "\(path).\(key)") {
                    // "You cannot use a wildcard to match part of a principal name or ARN" (IAM User
                    // Guide, *AWS JSON policy elements: Principal*).
                    if text != "*", text.contains("*") || text.contains("?") {
                        throw PolicyError(
                            path: "\(path).\(key)", message: "a wildcard may only stand alone, got \"\(text)\"")
                    }
                    entries.append(.init(kind, text))
                }
            }
            return PolicyPrincipals(entries)
        default:
            throw PolicyError(path: path, message: "must be \"*\" or an object such as {\"AWS\": [...]}, got \(value)")
        }
    }

    /// One string, or a non-empty list of strings.
    static func strings(_ value: JSONValue, path: String) throws(PolicyError) -> [String] {
        switch value {
        case .string(let text):
            return [text]
        case .array(let items) where !items.isEmpty:
            var texts: [String] = []
            for (offset, item) in items.enumerated() { texts.append(try string(item, path: "\(path)[\(offset)]")) }
            return texts
        case .array:
            throw PolicyError(path: path, message: "must not be empty")
        default:
            throw PolicyError(path: path, message: "must be a string or a list of strings, got \(value)")
        }
    }

    static func string(_ value: JSONValue, path: String) throws(PolicyError) -> String {
        guard case .string(let text) = value else {
            throw PolicyError(path: path, message: "must be a string, got \(value)")
        }
        return text
    }

    static func refuseUnknownFields(_ object: [String: JSONValue], allowed: Set<String>, path: String)
        throws(PolicyError)
    {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw PolicyError(path: path.isEmpty ? unknown : "\(path).\(unknown)", message: "unknown field")
        }
    }
}
