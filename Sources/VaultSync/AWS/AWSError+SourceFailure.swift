import AWSClient
import VaultCore

/// The client's errors as failures an operator can act on: the worker backs off on each kind as
/// it should, and the header says which it is.
extension AWSError: SourceFailureConvertible {
    public var sourceFailure: SourceFailure {
        switch self {
        case .credentials: return SourceFailure(.credentials, description)
        case .accessDenied: return SourceFailure(.accessDenied, description)
        case .throttled(_, _, let retryAfter): return SourceFailure(.throttled, description, retryAfter: retryAfter)
        case .network: return SourceFailure(.network, description)
        case .badResponse: return SourceFailure(.badResponse, description)
        case .service(_, let code, _, let status):
            if status >= 500 || code == "ServiceUnavailableException" { return SourceFailure(.network, description) }
            return SourceFailure(.other, description)
        case .configuration: return SourceFailure(.other, description)
        case .cancelled: return SourceFailure(.other, description)
        }
    }
}
