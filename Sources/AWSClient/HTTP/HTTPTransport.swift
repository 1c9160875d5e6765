import Foundation

/// Sends one HTTP request and blocks until the whole response has arrived. Implementations are
/// thread-safe: several Dispatch queues may send at once.
public protocol HTTPTransport: Sendable {
    /// Throws `TransportError`. `timeout` bounds the whole exchange; `cancellation`, when cancelled
    /// from another thread, abandons it (an SQS long poll at quit).
    func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse
}

/// Why a request got no complete answer.
public enum TransportError: Error, Sendable, Equatable {
    case unreachable(String)
    case timeout
    case tls(String)
    case connectionLost(String)
    case cancelled

    var networkFailure: AWSError.NetworkFailure? {
        switch self {
        case .unreachable: return .unreachable
        case .timeout: return .timeout
        case .tls: return .tls
        case .connectionLost: return .connectionLost
        case .cancelled: return nil
        }
    }

    var detail: String {
        switch self {
        case .unreachable(let text), .tls(let text), .connectionLost(let text): return text
        case .timeout: return "timed out"
        case .cancelled: return "cancelled"
        }
    }
}

/// Lets another thread abandon a request in flight (and any retry waits of the same call).
public final class CancellationHandle: Sendable {
    private struct State {
        var cancelled = false
        var onCancel: [@Sendable () -> Void] = []
    }
    private let state = Locked(State())

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Cancels: runs every registered action once; later registrations run at once.
    public func cancel() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.cancelled else { return [] }
            state.cancelled = true
            defer { state.onCancel = [] }
            return state.onCancel
        }
        actions.forEach { $0() }
    }

    /// Registers `action` to run on cancellation (at once if already cancelled).
    func onCancel(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.onCancel.append(action)
            return false
        }
        if runNow { action() }
    }
}
