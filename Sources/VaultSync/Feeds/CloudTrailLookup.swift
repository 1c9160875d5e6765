import AWSClient
import Foundation
import VaultCore

/// CloudTrail's LookupEvents for AWS Backup's events (JSON 1.1, `CloudTrail_20131101`): management
/// events of the last 90 days, newest first, at most 50 a page, limited to two requests a second
/// per account and region (the client's rate limiter applies it).
enum CloudTrailLookup {
    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
    static let eventSource = "backup.amazonaws.com"
    /// How far back CloudTrail keeps events for LookupEvents.
    static let retention: TimeInterval = 90 * 86_400

    struct Attribute: Encodable, Equatable {
        var AttributeKey: String
        var AttributeValue: String
    }

    struct Input: Encodable, Equatable {
        var LookupAttributes: [Attribute]
        /// Whole epoch seconds, as botocore sends timestamps in JSON.
        var StartTime: Int
        var EndTime: Int
        var MaxResults: Int
        var NextToken: String?
    }

    struct Event: Decodable {
        var EventId: String?
        var EventName: String?
        /// `"true"` or `"false"`, as LookupEvents writes it.
        var ReadOnly: String?
        var CloudTrailEvent: String?
    }

    struct Page: Decodable {
        var Events: [Event]?
        var NextToken: String?
    }

    /// One page of the lookup of AWS Backup's events between `start` and `end`.
    static func operation(start: Date, end: Date, nextToken: String?) throws(SourceFailure) -> AWSOperation {
        let input = Input(
            LookupAttributes: [Attribute(AttributeKey: "EventSource", AttributeValue: eventSource)],
            StartTime: Int(start.timeIntervalSince1970.rounded(.down)), EndTime: Int(end.timeIntervalSince1970.rounded(.up)),
            MaxResults: 50, NextToken: nextToken)
        do {
            return try AWSOperation.json(.cloudTrail, "LookupEvents", version: .v1_1, targetPrefix: targetPrefix, input: input)
        } catch {
            throw SourceFailure(.other, "\(error)")
        }
    }
}
