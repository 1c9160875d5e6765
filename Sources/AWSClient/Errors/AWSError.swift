import Foundation

/// Every failure the client reports, typed so that a caller can act on it: back off on `throttled`,
/// show `credentials` with what to run, degrade only what needs a call refused by `accessDenied`.
///
/// Each case's `description` is one line. Text from outside (AWS messages, paths, stderr) is made
/// inert there, and no case ever holds a secret: secrets are not passed to the initialisers.
public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No usable credential: missing, expired or refused, with where the chain looked and what to run.
    case credentials(CredentialProblem)
    /// The service refused the call for lack of permission (`AccessDenied`, `AccessDeniedException`,
    /// `UnauthorizedOperation`, …).
    case accessDenied(operation: String, code: String, message: String)
    /// Throttled after the retries allowed; `retryAfter` when the service said how long to wait.
    case throttled(operation: String, code: String, retryAfter: TimeInterval?)
    /// The endpoint could not be reached, did not answer in time, or the TLS handshake failed.
    case network(operation: String, endpoint: String, kind: NetworkFailure, detail: String)
    /// An answer that could not be read: truncated, not JSON/XML, or missing what the operation returns.
    case badResponse(operation: String, status: Int, problem: String)
    /// Any other error the service returned.
    case service(operation: String, code: String, message: String, status: Int)
    /// The configuration cannot be used (no region, a malformed endpoint URL, a bad retry setting, …).
    case configuration(String)
    /// The call was cancelled through its `CancellationHandle`.
    case cancelled(operation: String)

    public enum NetworkFailure: String, Sendable, Equatable {
        case unreachable, timeout, tls, connectionLost
    }

    public var description: String {
        switch self {
        case .credentials(let problem):
            return problem.description
        case .accessDenied(let operation, let code, let message):
            return "\(operation): access denied (\(inert(code))): \(inert(message))"
        case .throttled(let operation, let code, let retryAfter):
            let wait = retryAfter.map { ", the service asks to wait \(Int($0.rounded(.up))) s" } ?? ""
            return "\(operation): throttled (\(inert(code)))\(wait)"
        case .network(let operation, let endpoint, let kind, let detail):
            let what: String
            switch kind {
            case .unreachable: what = "could not connect to"
            case .timeout: what = "no answer in time from"
            case .tls: what = "TLS handshake failed with"
            case .connectionLost: what = "connection lost with"
            }
            return "\(operation): \(what) \(inert(endpoint)): \(inert(detail))"
        case .badResponse(let operation, let status, let problem):
            return "\(operation): unreadable answer (HTTP \(status)): \(inert(problem))"
        case .service(let operation, let code, let message, let status):
            let text = message.isEmpty ? "" : ": \(inert(message))"
            return "\(operation): \(inert(code)) (HTTP \(status))\(text)"
        case .configuration(let text):
            return inert(text)
        case .cancelled(let operation):
            return "\(operation): cancelled"
        }
    }

    /// True for the errors a sync worker should retry later on its own schedule.
    public var isTransient: Bool {
        switch self {
        case .throttled, .network: return true
        case .service(_, _, _, let status): return status >= 500
        case .badResponse(_, let status, _): return status >= 500 || status == 200
        default: return false
        }
    }

    private func inert(_ text: String) -> String { OutsideText.inert(text) }
}

/// A credential problem: what went wrong, where the chain looked, and what to run.
public struct CredentialProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Nothing found anywhere the chain looks.
        case missing
        /// Found, but expired (an SSO token, a process's or the environment's expiration).
        case expired
        /// Found, but refused (STS said no, a process failed, the configuration is partial or loops).
        case refused
    }
    public let kind: Kind
    /// What went wrong, without any secret.
    public let reason: String
    /// Where the chain looked: env vars, file paths, profile, cache file.
    public let lookedAt: [String]
    /// The command that fixes it, when there is one (`aws sso login --profile prod`).
    public let remedy: String?

    public init(kind: Kind, reason: String, lookedAt: [String] = [], remedy: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.lookedAt = lookedAt
        self.remedy = remedy
    }

    public var description: String {
        var line = "credentials \(kind.rawValue): \(OutsideText.inert(reason))"
        if !lookedAt.isEmpty { line += "; looked at " + lookedAt.map { OutsideText.inert($0) }.joined(separator: ", ") }
        if let remedy { line += "; run: \(OutsideText.inert(remedy))" }
        return line
    }
}
