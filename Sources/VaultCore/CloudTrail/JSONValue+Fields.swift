extension JSONValue {
    /// The member `key` of an object; nil for a missing member or when this is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    /// The text of a string value; nil for anything else (null included).
    public var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The text of a non-empty string value.
    var nonEmptyString: String? { string.flatMap { $0.isEmpty ? nil : $0 } }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
