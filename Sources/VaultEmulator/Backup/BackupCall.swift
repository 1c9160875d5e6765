import AWSClient
import Foundation
import VaultCore
import VaultDemo

/// One Backup call as its handler sees it: the decoded path labels, query and JSON body, who
/// signed it, from where, and the emulator's `now`.
struct BackupCall {
    let operation: BackupOperation
    let labels: [String: String]
    let query: QueryParameters
    let body: [String: Any]
    let principal: Principal
    let origin: CallOrigin
    let now: Date

    init(
        _ match: BackupRouteMatch, request: HTTPRequest, principal: Principal, origin: CallOrigin, now: Date
    ) throws(ServiceError) {
        operation = match.operation
        labels = match.labels
        query = QueryParameters(request.query)
        self.principal = principal
        self.origin = origin
        self.now = now
        if request.body.isEmpty {
            body = [:]
        } else {
            guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
                throw ServiceError("SerializationException", "The request body is not a JSON object.")
            }
            body = object
        }
    }

    func label(_ name: String) -> String { labels[name] ?? "" }

    func string(_ key: String) throws(ServiceError) -> String? {
        guard let value = body[key] else { return nil }
        guard let string = value as? String else {
            throw .invalidParameter("\(key) must be a string.")
        }
        return string
    }

    func required(_ key: String) throws(ServiceError) -> String {
        guard let value = try string(key), !value.isEmpty else { throw .missingParameter(key) }
        return value
    }

    func integer(_ key: String, in dictionary: [String: Any]? = nil) throws(ServiceError) -> Int? {
        guard let value = (dictionary ?? body)[key], !(value is NSNull) else { return nil }
        // JSONSerialization answers true/false as NSNumbers too, told apart by their type code.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
            number.doubleValue == number.doubleValue.rounded()
        else { throw .invalidParameter("\(key) must be a whole number.") }
        return number.intValue
    }

    /// A `Lifecycle` member of the body.
    func lifecycle(_ key: String = "Lifecycle") throws(ServiceError) -> Lifecycle? {
        guard let value = body[key] else { return nil }
        guard let object = value as? [String: Any] else { throw .invalidParameter("\(key) must be a structure.") }
        return Lifecycle(
            moveToColdStorageAfterDays: try integer("MoveToColdStorageAfterDays", in: object),
            deleteAfterDays: try integer("DeleteAfterDays", in: object))
    }

    /// `maxResults` (1…1000 unless the operation allows fewer).
    func maxResults(limit: Int = 1000) throws(ServiceError) -> Int {
        guard let text = query["maxResults"] else { return limit }
        guard let value = Int(text), (1...limit).contains(value) else {
            throw .invalidParameter("maxResults must be between 1 and \(limit) (got \(text)).")
        }
        return value
    }

    /// A timestamp query parameter: ISO 8601 as botocore sends it, or epoch seconds.
    func date(_ name: String) throws(ServiceError) -> Date? {
        guard let text = query[name] else { return nil }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        for options in [ISO8601DateFormatter.Options.withInternetDateTime, [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        throw .invalidParameter("\(name) is not a timestamp: \(text).")
    }
}
