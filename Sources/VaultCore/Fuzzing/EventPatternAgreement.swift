import Foundation

/// For the fuzzer (`Fuzz/Targets/EventPattern`) and its regression tests: an EventBridge pattern and
/// an event, split at the first NUL byte and read as JSON (see `FuzzInput`). Compiling the pattern
/// and matching the event never trap, the pattern compiled again from what it keeps
/// (`EventPattern.json`, which is what gets deployed or handed to another matcher) matches the event
/// the same, and a value the pattern `excludes` at a path of the event is never in a matching one.
@_spi(Fuzzing) public enum EventPatternAgreement {
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        let (patternBytes, eventBytes) = FuzzInput.split(bytes)
        guard let json = FuzzInput.json(patternBytes), let pattern = try? EventPattern(json) else { return nil }
        guard let again = try? EventPattern(pattern.json) else { return "the pattern kept does not compile again: \(pattern.json)" }
        guard let event = FuzzInput.json(eventBytes) else { return nil }
        let matched = pattern.matches(event)
        guard again.matches(event) == matched else { return "the pattern compiled again matches otherwise: \(pattern.json)" }
        if matched {
            for (path, value) in scalars(of: event) where pattern.excludes(value, at: path) {
                return "the pattern excludes \(value) at \(path.joined(separator: ".")) but matches an event holding it there"
            }
        }
        return nil
    }

    /// Every scalar of an event reached through objects alone, with its path.
    private static func scalars(of value: JSONValue, at path: [String] = []) -> [([String], JSONValue)] {
        switch value {
        case .object(let fields):
            return fields.flatMap { scalars(of: $0.value, at: path + [$0.key]) }
        case .array:
            return []
        default:
            return path.isEmpty ? [] : [(path, value)]
        }
    }
}
