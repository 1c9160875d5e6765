import Foundation

/// An error the (simulated) AWS Backup service answers a call with. `code` is the AWS error
/// type, as CloudTrail's `errorCode` records it; `message` is what the caller reads.
public struct BackupServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// A denial by IAM, a vault access policy or a service control policy. CloudTrail records it
    /// as `AccessDenied`; an HTTP front end answers `AccessDeniedException` (403).
    public static let accessDenied = "AccessDenied"
    /// A call the service understood but refuses in the resource's current state (a Vault Lock).
    public static let invalidRequest = "InvalidRequestException"
    public static let invalidParameterValue = "InvalidParameterValueException"
    public static let resourceNotFound = "ResourceNotFoundException"
    public static let alreadyExists = "AlreadyExistsException"

    public static func accessDenied(_ message: String) -> BackupServiceError {
        BackupServiceError(code: accessDenied, message: message)
    }

    public static func invalidRequest(_ message: String) -> BackupServiceError {
        BackupServiceError(code: invalidRequest, message: message)
    }

    public static func invalidParameterValue(_ message: String) -> BackupServiceError {
        BackupServiceError(code: invalidParameterValue, message: message)
    }

    public static func resourceNotFound(_ message: String) -> BackupServiceError {
        BackupServiceError(code: resourceNotFound, message: message)
    }

    public static func alreadyExists(_ message: String) -> BackupServiceError {
        BackupServiceError(code: alreadyExists, message: message)
    }
}
