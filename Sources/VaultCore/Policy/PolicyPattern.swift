/// A value of `Action`, `Resource` or a `…Like` condition, with its wildcards: `*` matches any run of
/// characters (none included), `?` exactly one.
///
/// IAM's rules differ by where the pattern stands, so the flavour is chosen when the pattern is made:
/// - actions ignore case (`backup:delete*` covers `backup:DeleteRecoveryPoint`);
/// - resources keep case and match segment by segment: "You can use wildcard characters (* and ?) within
///   the individual segments of an ARN (the parts separated by colons) … If the * wildcard is the last
///   character of a resource ARN segment, it can expand to match beyond the colon boundaries" (IAM User
///   Guide, *IAM JSON policy elements: Resource*). So a `*` followed by `:` or ending the pattern crosses
///   colons, any other `*` and every `?` stay inside their segment;
/// - `StringLike` keeps case and lets every wildcard cross anything.
public struct PolicyPattern: Equatable, Sendable, CustomStringConvertible {
    enum Token: Equatable, Sendable {
        case literal(Unicode.Scalar)
        /// `?`: one character; `staysInSegment` forbids it to be a colon.
        case one(staysInSegment: Bool)
        /// `*`: any run; `staysInSegment` forbids colons in the run.
        case any(staysInSegment: Bool)
    }

    public enum Flavour: Sendable {
        case action, resource, string
    }

    /// The pattern as the policy wrote it.
    public let text: String
    let tokens: [Token]
    let ignoresCase: Bool
    /// Whether the text holds no wildcard at all, so that plain comparison decides.
    let isLiteral: Bool

    public init(_ text: String, _ flavour: Flavour) {
        self.init(parts: [.text(text)], flavour)
    }

    /// A pattern whose `.literal` parts (a policy variable's value, `${*}`) match only themselves: their
    /// `*` and `?` are not wildcards.
    init(parts: [VariableText.Part], _ flavour: Flavour) {
        text = VariableText.spelled(parts)
        ignoresCase = flavour == .action
        var scalars: [(scalar: Unicode.Scalar, wild: Bool)] = []
        for part in parts {
            switch part {
            case .text(let text): scalars += text.unicodeScalars.map { ($0, $0 == "*" || $0 == "?") }
            case .literal(let text): scalars += text.unicodeScalars.map { ($0, false) }
            case .variable: break
            }
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count)
        for (offset, (scalar, wild)) in scalars.enumerated() {
            switch (scalar, wild) {
            case ("*", true):
                let next = offset + 1 < scalars.count ? scalars[offset + 1].scalar : nil
                let endsSegment = next == nil || next == ":"
                tokens.append(.any(staysInSegment: flavour == .resource && !endsSegment))
            case ("?", true):
                tokens.append(.one(staysInSegment: flavour == .resource))
            default:
                tokens.append(.literal(ignoresCase ? Self.folded(scalar) : scalar))
            }
        }
        self.tokens = tokens
        isLiteral = !tokens.contains { if case .literal = $0 { false } else { true } }
    }

    /// Whether the pattern holds a wildcard.
    var hasWildcard: Bool { !isLiteral }

    public var description: String { text }

    /// Whether `subject` matches. The pattern is run as a set of positions (no backtracking), so a
    /// subject is read once whatever the stars.
    public func matches(_ subject: some StringProtocol) -> Bool {
        if isLiteral {
            return ignoresCase
                ? Self.equalIgnoringCase(text, subject) : text.unicodeScalars.elementsEqual(subject.unicodeScalars)
        }
        let width = tokens.count + 1
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * width) { buffer in
            buffer.initialize(repeating: false)
            var current = UnsafeMutableBufferPointer(rebasing: buffer[0..<width])
            var next = UnsafeMutableBufferPointer(rebasing: buffer[width..<(2 * width)])
            current[0] = true
            close(current)
            for raw in subject.unicodeScalars {
                let scalar = ignoresCase ? Self.folded(raw) : raw
                var alive = false
                for position in 0..<tokens.count where current[position] {
                    switch tokens[position] {
                    case .literal(let expected):
                        if expected == scalar {
                            next[position + 1] = true
                            alive = true
                        }
                    case .one(let staysInSegment):
                        if !staysInSegment || scalar != ":" {
                            next[position + 1] = true
                            alive = true
                        }
                    case .any(let staysInSegment):
                        if !staysInSegment || scalar != ":" {
                            next[position] = true
                            alive = true
                        }
                    }
                }
                guard alive else { return false }
                close(next)
                swap(&current, &next)
                for position in 0..<width { next[position] = false }
            }
            return current[tokens.count]
        }
    }

    /// A star may match nothing: wherever a star is reachable, so is the token after it.
    private func close(_ states: UnsafeMutableBufferPointer<Bool>) {
        for position in 0..<tokens.count where states[position] {
            if case .any = tokens[position] { states[position + 1] = true }
        }
    }

    private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        // ASCII only, as IAM folds action names; a range test, not a Unicode property lookup.
        guard (65...90).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(scalar.value + 32)!
    }

    private static func equalIgnoringCase(_ a: String, _ b: some StringProtocol) -> Bool {
        a.unicodeScalars.lazy.map(folded).elementsEqual(b.unicodeScalars.lazy.map(folded))
    }
}
