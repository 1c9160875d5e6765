/// What one part of a statement (a condition, the principal, the whole statement) says about a request:
/// it holds (with the reason, for the operator), it fails, or it cannot be decided (with the reason).
enum PolicyFinding: Equatable, Sendable {
    case holds(String)
    case fails
    case unknown(String)
}
