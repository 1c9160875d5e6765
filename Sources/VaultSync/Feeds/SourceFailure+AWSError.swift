import AWSClient
import VaultCore

extension SourceFailure {
    /// An AWS client error as a failure the worker backs off on and shows as what it is.
    public init(_ error: AWSError) {
        switch error {
        case .credentials: self.init(.credentials, error.description)
        case .accessDenied: self.init(.accessDenied, error.description)
        case .throttled(_, _, let retryAfter): self.init(.throttled, error.description, retryAfter: retryAfter)
        case .network, .cancelled: self.init(.network, error.description)
        case .badResponse: self.init(.badResponse, error.description)
        case .service, .configuration: self.init(.other, error.description)
        }
    }
}

extension AWSClient {
    /// `send`, with a failure the worker understands.
    func call(_ operation: AWSOperation, region: String? = nil, timeout: Double = 30, cancellation: CancellationHandle? = nil)
        throws(SourceFailure) -> AWSResponse
    {
        do {
            return try send(operation, region: region, timeout: timeout, cancellation: cancellation)
        } catch {
            throw SourceFailure(error)
        }
    }
}
