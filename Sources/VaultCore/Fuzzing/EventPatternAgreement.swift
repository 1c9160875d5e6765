import Foundation

/// For the fuzzer (`Fuzz/Targets/EventPattern`) and its regression tests: an EventBridge pattern and
/// an event, split at the first NUL byte and read as JSON (see `FuzzInput`). Compiling the pattern
/// and matching the event never trap, the pattern compiled again from what it keeps
/// (`EventPattern.json`, which is what gets deployed or handed to another matcher) matches the event
/// the same.
@_spi(Fuzzing) public enum EventPatternAgreement {
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        let (patternBytes, eventBytes) = FuzzInput.split(bytes)
        guard let json = FuzzInput.json(patternBytes), let pattern = try? EventPattern(json) else { return nil }
        guard let again = try? EventPattern(pattern.json) else { return "the pattern kept does not compile again: \(pattern.json)" }
        guard let event = FuzzInput.json(eventBytes) else { return nil }
        let matched = pattern.matches(event)
        guard again.matches(event) == matched else { return "the pattern compiled again matches otherwise: \(pattern.json)" }
        return nil
    }
}
