import AWSClient
import Foundation
import VaultCore

extension AWSClient {
    /// `send`, failing with what the worker backs off on (the client's error as a `SourceFailure`).
    func call(_ operation: AWSOperation, region: String? = nil, timeout: Double = 30, cancellation: CancellationHandle? = nil)
        throws(SourceFailure) -> AWSResponse
    {
        do {
            return try send(operation, region: region, timeout: timeout, cancellation: cancellation)
        } catch {
            throw error.sourceFailure
        }
    }
}
