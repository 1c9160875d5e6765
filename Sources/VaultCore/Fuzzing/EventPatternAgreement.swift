import Foundation

/// For the fuzzer (`Fuzz/Targets/EventPattern`) and its regression tests. An EventBridge pattern and an event (split at the first NUL byte): parsing and compiling the
/// pattern, and matching, never trap; the pattern written back as JSON compiles to one that
/// matches the same; matching the event's text and its parsed value agree.
@_spi(Fuzzing) public enum EventPatternAgreement {
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        let (patternBytes, eventBytes) = split(bytes)
        guard let pattern = try? EventPattern(json: Data(patternBytes)) else { return nil }
        guard let value = try? JSONValue(data: Data(eventBytes)) else { return nil }
        let matched = pattern.matches(value)
        if case .object = value {
            guard (try? pattern.matches(Data(eventBytes))) == matched else { return "matching the text and the value disagree" }
        }
        guard let written = try? JSONEncoder().encode(pattern.json) else { return "the pattern cannot be written back" }
        guard let again = try? EventPattern(json: written) else { return "the pattern written back does not compile: \(pattern.json)" }
        guard again.matches(value) == matched else { return "the pattern written back matches otherwise: \(pattern.json)" }
        return nil
    }

    /// The bytes before the first NUL, and after it.
    static func split(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
        guard let i = bytes.firstIndex(of: 0) else { return (bytes, []) }
        return (Array(bytes[..<i]), Array(bytes[(i + 1)...]))
    }
}
