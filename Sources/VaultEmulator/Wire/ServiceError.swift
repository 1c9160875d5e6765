import AWSClient
import Foundation
import VaultDemo

/// An error as AWS answers it: the exception's name in `x-amzn-ErrorType` (what botocore reads
/// first), the status AWS gives, and a JSON body with the message.
struct ServiceError: Error, Equatable {
    var code: String
    var message: String
    var status: Int

    init(_ code: String, _ message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// The backend's refusal as the wire carries it: an IAM denial is `AccessDeniedException`
    /// (CloudTrail records it as `AccessDenied`), all of Backup's own errors 400.
    init(_ error: BackupServiceError) {
        self.init(error.code == BackupServiceError.accessDenied ? "AccessDeniedException" : error.code, error.message)
    }

    static func missingParameter(_ name: String) -> ServiceError {
        ServiceError("MissingParameterValueException", "\(name) is required.")
    }

    static func invalidParameter(_ message: String) -> ServiceError {
        ServiceError("InvalidParameterValueException", message)
    }

    /// The response: REST-JSON bodies carry `Code`/`Message` as Backup's do, JSON 1.1 bodies
    /// `__type`/`message` as CloudTrail's do.
    func response(json11: Bool = false) -> HTTPResponse {
        var body = JSONWriter()
        if json11 {
            body.add("__type", code)
            body.add("message", message)
        } else {
            body.add("Code", code)
            body.add("Message", message)
        }
        return HTTPResponse(
            status: status,
            headers: [
                "x-amzn-ErrorType": code, "Content-Type": json11 ? "application/x-amz-json-1.1" : "application/json",
                "x-amzn-RequestId": UUID().uuidString.lowercased(),
            ],
            body: body.data)
    }
}
