/// Reads a statement's `Condition` block into one `PolicyCondition` per operator and key.
enum PolicyConditionParser {
    /// An operator this evaluator does not know is kept (its conditions evaluate as unknown); only the
    /// block's shape is refused.
    static func block(_ value: JSONValue, path: String, resolves: Bool) throws(PolicyError) -> [PolicyCondition] {
        guard case .object(let operators) = value else {
            throw PolicyError(path: path, message: "must be an object of condition operators, got \(value)")
        }
        var conditions: [PolicyCondition] = []
        for operatorName in operators.keys.sorted() {
            let operatorPath = "\(path).\(operatorName)"
            guard case .object(let keys) = operators[operatorName]!, !keys.isEmpty else {
                throw PolicyError(
                    path: operatorPath,
                    message: "must be a non-empty object of condition keys, got \(operators[operatorName]!)")
            }
            for key in keys.keys.sorted() {
                let values = try conditionValues(keys[key]!, path: "\(operatorPath).\(key)")
                conditions.append(
                    PolicyCondition(
                        operatorName: operatorName, key: key, values: values, resolvesPolicyVariables: resolves))
            }
        }
        return conditions
    }

    /// `<condition_value> = ("string" | "number" | "Boolean")`, alone or in a list (IAM User Guide,
    /// *Grammar of the IAM JSON policy language*). Numbers and booleans are kept as their JSON text.
    private static func conditionValues(_ value: JSONValue, path: String) throws(PolicyError) -> [String] {
        if let single = value.conditionText { return [single] }
        guard case .array(let items) = value else {
            throw PolicyError(
                path: path,
                message: "a condition value must be a string, a number, a boolean or a list of them, got \(value)")
        }
        guard !items.isEmpty else { throw PolicyError(path: path, message: "must not be empty") }
        var values: [String] = []
        for (offset, item) in items.enumerated() {
            guard let text = item.conditionText else {
                throw PolicyError(
                    path: "\(path)[\(offset)]",
                    message: "a condition value must be a string, a number or a boolean, got \(item)")
            }
            values.append(text)
        }
        return values
    }
}

extension JSONValue {
    /// A string, a number or a boolean as a condition value's text (`"true"`, `"3600"`); `nil` for anything else.
    public var conditionText: String? {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number: description
        default: nil
        }
    }
}
