import Foundation

/// An Amazon EventBridge event pattern (content filtering), compiled once and matched against events.
///
/// Semantics follow the EventBridge user guide: every field of the pattern must match (AND); a leaf is an
/// array of matchers of which one must match (OR), against the value or, for an array, any of its elements;
/// `$or` lists alternative sub-patterns. Operators: exact values (numbers compared numerically, `null`, `""`),
/// `prefix`, `suffix` (each also with `equals-ignore-case`), `equals-ignore-case`, `wildcard`,
/// `anything-but`, `numeric`, `exists`, `cidr`.
public struct EventPattern: Sendable {
    let root: EventPatternNode
    /// The pattern as given, so the very rule matched here can be deployed or handed to another matcher.
    public let json: JSONValue

    /// The longest pattern `PutRule` takes, in characters (EventBridge API Reference, `PutRule`:
    /// `EventPattern`, maximum length 4096; the default quota is lower, 2048, and can be raised to it).
    public static let maximumLength = 4096

    /// Compiles the pattern as written, refusing one longer than `maximumLength`.
    public init(json: Data) throws(EventPatternError) {
        let value: JSONValue
        do {
            value = try JSONValue(data: json)
        } catch {
            throw EventPatternError(path: "", message: "pattern is not valid JSON\(JSONValue.place(of: error))")
        }
        try Self.checkLength(String(decoding: json, as: UTF8.self).utf16.count)
        try self.init(compiling: value)
    }

    /// Compiles an already parsed pattern; its length is taken as that of its compact spelling (no
    /// whitespace), the text it was read from being gone.
    public init(_ pattern: JSONValue) throws(EventPatternError) {
        try Self.checkLength(pattern.description.utf16.count)
        try self.init(compiling: pattern)
    }

    private init(compiling pattern: JSONValue) throws(EventPatternError) {
        root = try EventPatternCompiler.compile(pattern)
        json = pattern
    }

    private static func checkLength(_ length: Int) throws(EventPatternError) {
        guard length > maximumLength else { return }
        throw EventPatternError(
            path: "", message: "pattern is \(length) characters long; EventBridge takes at most \(maximumLength)")
    }

    /// Throws `EventPatternError` when the event is not a JSON object.
    public func matches(_ event: Data) throws -> Bool {
        let value: JSONValue
        do {
            value = try JSONValue(data: event)
        } catch {
            throw EventPatternError(path: "", message: "event is not valid JSON\(JSONValue.place(of: error))")
        }
        guard case .object = value else {
            throw EventPatternError(path: "", message: "event must be a JSON object, got \(value)")
        }
        return matches(value)
    }

    /// Whether no event holding `value` at `path` (a field of an object of an object …) can
    /// match: the pattern requires a field there, outside any `$or`, whose leaf refuses `value`.
    /// A pre-check that needs no event: an alert rule asks it of a call's action before it builds
    /// the call's event, and nine calls in ten are no sensitive action.
    public func excludes(_ value: JSONValue, at path: [String]) -> Bool {
        var node = root
        for (depth, name) in path.enumerated() {
            guard let field = node.fields.first(where: { $0.name == name }) else { return false }
            switch field.pattern {
            case .object(let inner) where depth < path.count - 1:
                node = inner
            case .leaf(let leaf) where depth == path.count - 1:
                return !leaf.matches(value)
            default:
                return false
            }
        }
        return false
    }

    /// An event that is not a JSON object matches nothing.
    public func matches(_ event: JSONValue) -> Bool {
        guard case .object(let object) = event else { return false }
        return root.matches(object)
    }
}
