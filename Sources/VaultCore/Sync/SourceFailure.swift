import Foundation

/// Why a source's last poll failed, as something an operator can act on: the kind says what to
/// do (log in again, ask for a permission, wait), the message says what happened in one line.
/// Messages come from outside (an endpoint's error text) and are shown made inert; they never
/// carry a secret.
public struct SourceFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// No credentials, expired ones, or refused ones (`ExpiredToken`, `InvalidClientTokenId`).
        case credentials
        /// The identity may not make a call the source needs.
        case accessDenied = "access denied"
        /// The service asked to slow down.
        case throttled
        /// The endpoint could not be reached, or did not answer in time.
        case network
        /// The endpoint answered something that is not what the API says it answers.
        case badResponse = "bad response"
        /// The store refused the records (a full disk): they are kept and written again.
        case storeRefused = "store refused"
        /// Anything else the source reported.
        case other
    }

    public var kind: Kind
    /// One line: `ThrottlingException: Rate exceeded (ListRecoveryPointsByBackupVault)`.
    public var message: String
    /// How long the service asked to wait (`Retry-After`), when it said.
    public var retryAfter: TimeInterval?

    public init(_ kind: Kind, _ message: String, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}

/// A source error that knows what kind of failure it is (the AWS client's errors, say). Any other
/// error is a failure of kind `other`.
public protocol SourceFailureConvertible: Error {
    var sourceFailure: SourceFailure { get }
}

extension SourceFailure {
    /// `error` as a failure an operator can act on.
    public static func from(_ error: any Error) -> SourceFailure {
        if let failure = error as? SourceFailure { return failure }
        if let convertible = error as? any SourceFailureConvertible { return convertible.sourceFailure }
        return SourceFailure(.other, "\(error)")
    }
}
