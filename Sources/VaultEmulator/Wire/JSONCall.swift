import AWSClient
import Foundation
import VaultCore

/// One call of an AWS JSON 1.1 service (Organizations, KMS, EventBridge) as its handler sees it:
/// the operation named by `X-Amz-Target`, the JSON body, who signed it, and the emulator's `now`.
/// Bad input is refused with the service's own code for it (`InvalidInputException` for
/// Organizations, `ValidationException` for the others).
struct JSONCall {
    let operation: String
    let body: [String: Any]
    let principal: Principal
    let now: Date
    /// The code this service answers malformed input with.
    let invalidInput: String

    init(operation: String, body data: Data, principal: Principal, now: Date, invalidInput: String) throws(ServiceError) {
        self.operation = operation
        self.principal = principal
        self.now = now
        self.invalidInput = invalidInput
        if data.isEmpty {
            body = [:]
        } else {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ServiceError("SerializationException", "The request body is not a JSON object.")
            }
            body = object
        }
    }

    func invalid(_ message: String) -> ServiceError { ServiceError(invalidInput, message) }

    func string(_ key: String) throws(ServiceError) -> String? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw invalid("\(key) must be a string.") }
        return text
    }

    func required(_ key: String) throws(ServiceError) -> String {
        guard let value = try string(key), !value.isEmpty else {
            throw invalid("1 validation error detected: Value null at '\(key)' failed to satisfy constraint: Member must not be null")
        }
        return value
    }

    /// A whole number within `range`, or nil when absent.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(ServiceError) -> Int? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
            number.doubleValue == number.doubleValue.rounded(), range.contains(number.intValue)
        else { throw invalid("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound).") }
        return number.intValue
    }

    func objects(_ key: String) throws(ServiceError) -> [[String: Any]]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let list = value as? [[String: Any]] else { throw invalid("\(key) must be a list of structures.") }
        return list
    }

    func strings(_ key: String) throws(ServiceError) -> [String]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let list = value as? [String] else { throw invalid("\(key) must be a list of strings.") }
        return list
    }

    /// The answer of an operation, as JSON 1.1 carries it.
    static func response(_ body: Data) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: ["Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": UUID().uuidString.lowercased()],
            body: body)
    }
}

extension JSONCall {
    /// One page of `items`: `limitKey` (within `limits`, `defaultLimit` when absent) items from where
    /// `tokenKey` points, and the token of the next page, nil on the last. A token of another listing
    /// is refused as bad input.
    func page<T>(
        _ items: [T], tokenKey: String = "NextToken", limitKey: String = "MaxResults", limits: ClosedRange<Int>,
        defaultLimit: Int, scope: String
    ) throws(ServiceError) -> (items: ArraySlice<T>, next: String?) {
        let limit = try integer(limitKey, in: limits) ?? defaultLimit
        do {
            return try PageToken.page(items, token: try string(tokenKey), scope: "\(operation)|\(scope)", limit: limit)
        } catch {
            throw invalid("The \(tokenKey) is not valid for this request.")
        }
    }
}
