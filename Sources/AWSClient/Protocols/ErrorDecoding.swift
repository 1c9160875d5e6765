import Foundation

/// Reads an error answer as botocore does (`botocore/parsers.py`): the code is the `x-amzn-ErrorType`
/// header cut at `:` and `#`, else the body's `code`/`Code`, else `__type` (cut at `#`), else the HTTP
/// status; the message is `message`/`Message`. Query (XML) answers take `<Error><Code>` and `<Message>`.
/// SQS's `x-amzn-query-error: Code;Sender` gives the legacy query code.
public struct ServiceErrorAnswer: Sendable, Equatable {
    public let code: String
    public let message: String
    public let status: Int
    /// SQS's legacy query code (`AWS.SimpleQueueService.NonExistentQueue`), when sent.
    public let queryErrorCode: String?
    /// Set when the body was not in the protocol's format (HTML from a proxy, an empty body).
    public let unreadableBody: String?

    public static func decode(_ response: HTTPResponse, wireProtocol: AWSOperation.WireProtocol) -> ServiceErrorAnswer {
        let queryError = response.headers["x-amzn-query-error"].map { String($0.split(separator: ";").first ?? "") }
        if wireProtocol == .query {
            if let tree = XMLTree.parse(response.body), let error = tree.first(named: "Error") {
                return ServiceErrorAnswer(
                    code: error.child("Code")?.text ?? "\(response.status)", message: error.child("Message")?.text ?? "",
                    status: response.status, queryErrorCode: queryError, unreadableBody: nil)
            }
        }
        var code: String?
        if let header = response.headers["x-amzn-ErrorType"] {
            code = cut(header)
        }
        var message = ""
        var unreadable: String?
        if let object = (try? JSONSerialization.jsonObject(with: response.body, options: [])) as? [String: Any] {
            if code == nil || code?.isEmpty == true {
                code = (object["code"] as? String) ?? (object["Code"] as? String) ?? (object["__type"] as? String).map(cut)
            }
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
        } else if let tree = XMLTree.parse(response.body), let error = tree.first(named: "Error") {
            code = code ?? error.child("Code")?.text
            message = error.child("Message")?.text ?? ""
        } else if !response.body.isEmpty {
            unreadable = preview(response.body)
        }
        let final = (code?.isEmpty == false ? code : nil) ?? "\(response.status)"
        return ServiceErrorAnswer(
            code: final, message: message, status: response.status, queryErrorCode: queryError, unreadableBody: unreadable)
    }

    /// `InvalidRequestException:http://internal…` → `InvalidRequestException`; `com.amazonaws.sqs#QueueDoesNotExist` → `QueueDoesNotExist`.
    static func cut(_ text: String) -> String {
        var value = Substring(text)
        if let colon = value.firstIndex(of: ":") { value = value[..<colon] }
        if let hash = value.lastIndex(of: "#") { value = value[value.index(after: hash)...] }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// The first bytes of a body that is not in the expected format, for an error line.
    static func preview(_ body: Data) -> String {
        let text = String(decoding: body.prefix(80), as: UTF8.self)
        return "starts with \"\(OutsideText.inert(text, limit: 60))\" (\(body.count) bytes)"
    }

    public static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "NotAuthorized",
        "AccessDeniedForDependencyException", "UnauthorizedAccess",
    ]
    public static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"]
    public static let refusedCredentialCodes: Set<String> = [
        "InvalidClientTokenId", "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
        "IncompleteSignature", "InvalidAccessKeyId", "MissingAuthenticationToken", "UnauthorizedException",
    ]
}
