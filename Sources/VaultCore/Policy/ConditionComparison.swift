import Foundation

/// How one request value is compared with one policy value, per family of operators (IAM User Guide,
/// *Condition operators*). Every function answers for the positive test (`StringEquals`, not
/// `StringNotEquals`); negation is applied by the caller. `nil` means the *policy* value is not one the
/// operator takes (a date that is no date), which leaves the condition unknown.
enum ConditionComparison {
    /// Compares `request` with `policy` under `test` (a positive test).
    static func matches(_ request: String, _ policy: PolicyValue, _ test: ConditionOperator.Test) -> Bool? {
        switch test {
        case .stringEquals: return request.utf8.elementsEqual(policy.text.utf8)
        case .stringEqualsIgnoreCase: return request.lowercased().utf8.elementsEqual(policy.text.lowercased().utf8)
        case .stringLike: return policy.likePattern.matches(request)
        case .arnEquals, .arnLike: return policy.matchesArn(request)
        case .bool:
            guard let wanted = boolean(policy.text) else { return nil }
            return boolean(request) == wanted
        case .binaryEquals:
            guard let wanted = Data(base64Encoded: policy.text) else { return nil }
            return Data(base64Encoded: request) == wanted
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let wanted = Double(policy.text.trimmingCharacters(in: .whitespaces)) else { return nil }
            guard let value = Double(request.trimmingCharacters(in: .whitespaces)) else { return false }
            return ordered(value, wanted, test)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let wanted = date(policy.text) else { return nil }
            guard let value = date(request) else { return false }
            return ordered(value.timeIntervalSince1970, wanted.timeIntervalSince1970, test)
        case .ipAddress:
            guard let network = network(policy.text) else { return nil }
            return network.matches(request)
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
            .notIpAddress, .arnNotEquals, .arnNotLike, .null:
            return nil
        }
    }

    private static func ordered(_ value: Double, _ wanted: Double, _ test: ConditionOperator.Test) -> Bool {
        switch test {
        case .numericEquals, .dateEquals: value == wanted
        case .numericLessThan, .dateLessThan: value < wanted
        case .numericLessThanEquals, .dateLessThanEquals: value <= wanted
        case .numericGreaterThan, .dateGreaterThan: value > wanted
        default: value >= wanted
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// A date as IAM reads one: W3C ISO 8601 (`2026-11-22`, `2026-11-22T12:00:00Z`, with fractions or an
    /// offset) or seconds since the epoch.
    static func date(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let seconds = Double(text) {
            return Date(timeIntervalSince1970: seconds)
        }
        for options in dateFormats {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    private static let dateFormats: [ISO8601DateFormatter.Options] = [
        [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate],
    ]

    /// A CIDR block or a single address (`203.0.113.7`, `2001:db8::1`).
    static func network(_ text: String) -> EventPatternCIDR? {
        if text.contains("/") { return try? EventPatternCIDR.parse(text).get() }
        guard let address = EventPatternCIDR.parseAddress(text) else { return nil }
        return EventPatternCIDR(network: address, prefixLength: address.count * 8)
    }
}

/// One value of a condition, with its variables resolved for the request at hand.
struct PolicyValue: Sendable {
    let text: String
    let likePattern: PolicyPattern
    /// The six colon-separated segments as patterns; `nil` when the value is not an ARN.
    let arnSegments: [PolicyPattern]?

    init(parts: [VariableText.Part]) {
        text = VariableText.spelled(parts)
        likePattern = PolicyPattern(parts: parts, .string)
        arnSegments = PolicyValue.segments(of: parts)
    }

    /// "ArnEquals, ArnLike: Case-sensitive matching of the ARN. Each of the six colon-delimited components
    /// of the ARN is checked separately and each can include multi-character match wildcards (*) or
    /// single-character match wildcards (?)" (IAM User Guide, *Condition operators*). So a wildcard never
    /// crosses a colon of the first five segments, and a value that is not an ARN matches nothing.
    func matchesArn(_ request: String) -> Bool {
        guard let arnSegments else { return false }
        let parts = request.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return false }
        return zip(arnSegments, parts).allSatisfy { $0.matches($1) }
    }

    /// Splits the parts at the first five colons of the text as written (a colon a variable brings in stays
    /// inside its segment).
    private static func segments(of parts: [VariableText.Part]) -> [PolicyPattern]? {
        var segments: [[VariableText.Part]] = [[]]
        for part in parts {
            guard case .text(let text) = part else {
                segments[segments.count - 1].append(part)
                continue
            }
            var pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            while segments.count + pieces.count - 1 > 6 {
                let last = pieces.removeLast()
                pieces[pieces.count - 1] += ":" + last
            }
            segments[segments.count - 1].append(.text(pieces[0]))
            for piece in pieces.dropFirst() { segments.append([.text(piece)]) }
        }
        guard segments.count == 6 else { return nil }
        return segments.map { PolicyPattern(parts: $0, .string) }
    }
}
