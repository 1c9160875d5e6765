/// What one part of a statement (a condition, the principal, the whole statement) says about a request:
/// it holds (with the reason, for the operator), it fails (with the reason when one was asked for), or it
/// cannot be decided (with the reason and the condition keys the request would need to decide it).
enum PolicyFinding: Equatable, Sendable {
    case holds(String)
    case fails(String)
    case unknown(String, missing: [String])

    static func unknown(_ reason: String) -> PolicyFinding { .unknown(reason, missing: []) }

    var holds: Bool { if case .holds = self { true } else { false } }
    var fails: Bool { if case .fails = self { true } else { false } }
}
