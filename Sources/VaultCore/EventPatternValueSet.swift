/// A list of exact values (a leaf's, or an `anything-but` list) that answers `contains` as the list would,
/// without scanning it: strings by their bytes (`EventPatternBytes`), numbers numerically.
struct EventPatternValueSet: Sendable {
    /// Up to `fewStrings` strings are compared one by one, which beats hashing the event's string; more go to
    /// `manyStrings`, hashed over their bytes.
    private let strings: [String]
    private let manyStrings: EventPatternStringSet
    private let numbers: [Double]
    /// Booleans and `null`.
    private let others: [JSONValue]
    let count: Int

    private static let fewStrings = 3

    init(_ values: [JSONValue]) {
        var strings: [String] = []
        var numbers: [Double] = []
        var others: [JSONValue] = []
        for value in values {
            switch value {
            case .string(let text): strings.append(text)
            case .number(let number): numbers.append(number)
            case .null, .bool: others.append(value)
            case .array, .object: preconditionFailure("exact values are scalars, got \(value)")
            }
        }
        if strings.count > Self.fewStrings {
            manyStrings = EventPatternStringSet(strings)
            self.strings = []
        } else {
            manyStrings = EventPatternStringSet([])
            self.strings = strings
        }
        self.numbers = numbers
        self.others = others
        count = values.count
    }

    func contains(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text):
            for string in strings where EventPatternBytes.equal(string, text) { return true }
            return !manyStrings.isEmpty && manyStrings.contains(text)
        case .number(let number):
            for candidate in numbers where candidate == number { return true }
            return false
        case .null, .bool:
            return others.contains(value)
        case .array, .object:
            return false
        }
    }
}
