/// A `numeric` filter: `["=", 3]`, one bound (`[">", 0]`), or a lower then an upper bound
/// (`[">", 0, "<=", 5]`). Numbers must lie within ±5.0e9, as EventBridge requires.
struct EventPatternNumeric: Equatable, Sendable {
    struct Bound: Equatable, Sendable {
        let value: Double
        let inclusive: Bool
    }
    var lower: Bound?
    var upper: Bound?

    static let limit = 5.0e9

    static func parse(_ items: [JSONValue]) -> Result<EventPatternNumeric, EventPatternFailure> {
        guard !items.isEmpty else { return .failure(EventPatternFailure("numeric needs an operator and a number")) }
        guard items.count % 2 == 0 else {
            return .failure(EventPatternFailure("numeric must alternate operators and numbers"))
        }
        var range = EventPatternNumeric()
        var sawEquals = false
        for index in stride(from: 0, to: items.count, by: 2) {
            guard case .string(let op) = items[index] else {
                return .failure(EventPatternFailure("numeric operator must be a string, got \(items[index])"))
            }
            guard case .number(let value) = items[index + 1] else {
                return .failure(EventPatternFailure("numeric \"\(op)\" needs a number, got \(items[index + 1])"))
            }
            guard abs(value) <= limit else {
                return .failure(EventPatternFailure("numeric value \(items[index + 1]) is outside -5.0e9...5.0e9"))
            }
            switch op {
            case "=":
                guard items.count == 2 else {
                    return .failure(EventPatternFailure("numeric \"=\" cannot be combined with other operators"))
                }
                sawEquals = true
                range.lower = Bound(value: value, inclusive: true)
                range.upper = Bound(value: value, inclusive: true)
            case ">", ">=":
                guard range.lower == nil, range.upper == nil else {
                    return .failure(EventPatternFailure("numeric lower bound \"\(op)\" must come first and only once"))
                }
                range.lower = Bound(value: value, inclusive: op == ">=")
            case "<", "<=":
                guard range.upper == nil else {
                    return .failure(EventPatternFailure("numeric upper bound \"\(op)\" given twice"))
                }
                range.upper = Bound(value: value, inclusive: op == "<=")
            default:
                return .failure(EventPatternFailure("unknown numeric operator \"\(op)\""))
            }
        }
        if !sawEquals, let lower = range.lower, let upper = range.upper, lower.value >= upper.value {
            return .failure(EventPatternFailure("numeric lower bound must be less than the upper bound"))
        }
        return .success(range)
    }

    func matches(_ value: Double) -> Bool {
        if let lower {
            if lower.inclusive ? value < lower.value : value <= lower.value { return false }
        }
        if let upper {
            if upper.inclusive ? value > upper.value : value >= upper.value { return false }
        }
        return true
    }
}
