import Foundation

/// One line of an events file, or one SQS message body: an EventBridge event, a CloudTrail
/// record, or a trail file's `{"Records":[…]}`. Each event in it becomes a call or says why not.
public enum EventDocument {
    /// What each event of `data` is; a document that is not JSON at all is one malformed entry.
    public static func calls(in data: Data) -> [Result<ApiCall, EventRejection>] {
        let value: JSONValue
        do {
            value = try JSONValue(data: data)
        } catch {
            return [.failure(.malformed("not JSON (\(describe(error)))"))]
        }
        if case .array(let records)? = value["Records"], value["detail-type"] == nil, value["eventSource"] == nil {
            return records.map { record in Result { () throws(EventRejection) in try ApiCall(cloudTrailRecord: record) } }
        }
        return [Result { () throws(EventRejection) in try ApiCall(event: value) }]
    }

    /// Foundation's decoding error in a few words, without echoing the whole input.
    private static func describe(_ error: any Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "unreadable" }
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return underlying ?? context.debugDescription
    }
}
