import AWSClient
import Foundation
import VaultCore

/// CloudTrail's `LookupEvents` (JSON 1.1, `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`)
/// over the emulator's recorded events: newest first, one lookup attribute at most, `StartTime`
/// and `EndTime` inclusive, `MaxResults` 1–50 (50 by default), `NextToken` stable while new events
/// arrive, and AWS's limit of two lookups a second per account and region answered with
/// `ThrottlingException`.
struct LookupEvents {
    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
    static let target = targetPrefix + ".LookupEvents"
    static let attributeKeys: Set<String> = [
        "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId",
    ]

    let log: CloudTrailLog

    func handle(_ body: Data) throws(ServiceError) -> Data {
        guard let input = (body.isEmpty ? [:] : try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw ServiceError("SerializationException", "The request body is not a JSON object.")
        }
        let attributes = input["LookupAttributes"] as? [[String: Any]] ?? []
        guard attributes.count <= 1 else {
            throw ServiceError("InvalidLookupAttributesException", "You can only specify one lookup attribute.")
        }
        var match: (key: String, value: String)?
        if let attribute = attributes.first {
            guard let key = attribute["AttributeKey"] as? String, Self.attributeKeys.contains(key),
                let value = attribute["AttributeValue"] as? String
            else {
                throw ServiceError(
                    "InvalidLookupAttributesException",
                    "A lookup attribute needs an AttributeKey among \(Self.attributeKeys.sorted().joined(separator: ", ")) and an AttributeValue.")
            }
            match = (key, value)
        }
        let start = (input["StartTime"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
        let end = (input["EndTime"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
        if let start, let end, start > end {
            throw ServiceError("InvalidTimeRangeException", "Start time must be earlier than end time.")
        }
        let limit = (input["MaxResults"] as? NSNumber)?.intValue ?? 50
        guard (1...50).contains(limit) else {
            throw ServiceError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
        }
        let scope = "\(match?.key ?? "")=\(match?.value ?? "")|\(start?.timeIntervalSince1970 ?? 0)|\(end?.timeIntervalSince1970 ?? 0)"
        // Positions count every event ever recorded, so a token stays good while old ones are dropped.
        let (events, first) = log.kept
        var below = first + events.count
        if let token = input["NextToken"] as? String {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                let newline = text.lastIndex(of: "\n"), text[..<newline] == scope,
                let index = Int(text[text.index(after: newline)...]), (0...below).contains(index)
            else {
                throw ServiceError(
                    "InvalidNextTokenException", "The NextToken is not valid for this request's parameters.")
            }
            below = index
        }
        var page: [TrailEvent] = []
        var index = below
        var next: String?
        while index > first {
            let event = events[index - 1 - first]
            if let start, event.call.time < start { index -= 1; continue }
            if let end, event.call.time > end { index -= 1; continue }
            if let match, !Self.matches(event, match) { index -= 1; continue }
            if page.count == limit {
                next = Data("\(scope)\n\(index)".utf8).base64EncodedString()
                break
            }
            page.append(event)
            index -= 1
        }
        var out = JSONWriter()
        out.add("Events", objects: page.map(Self.event))
        out.add("NextToken", next)
        return out.data
    }

    static func matches(_ event: TrailEvent, _ attribute: (key: String, value: String)) -> Bool {
        switch attribute.key {
        case "EventId": return event.call.id == attribute.value
        case "EventName": return event.call.action == attribute.value
        case "ReadOnly": return String(event.readOnly) == attribute.value
        case "Username": return event.username == attribute.value
        case "EventSource": return attribute.value == "backup.amazonaws.com"
        case "AccessKeyId": return event.accessKeyId == attribute.value
        case "ResourceType": return resources(event).contains { $0.type == attribute.value }
        case "ResourceName": return resources(event).contains { $0.name == attribute.value }
        default: return false
        }
    }

    static func resources(_ event: TrailEvent) -> [(type: String, name: String)] {
        var list: [(type: String, name: String)] = []
        if let vault = event.call.vaultName { list.append(("AWS::Backup::BackupVault", vault)) }
        if let point = event.call.recoveryPointArn { list.append(("AWS::Backup::RecoveryPoint", point)) }
        return list
    }

    /// One `Event` of the output.
    static func event(_ event: TrailEvent) -> JSONWriter {
        var out = JSONWriter()
        out.add("EventId", event.call.id)
        out.add("EventName", event.call.action)
        out.add("ReadOnly", String(event.readOnly))
        out.add("AccessKeyId", event.accessKeyId)
        out.add("EventTime", date: event.call.time)
        out.add("EventSource", "backup.amazonaws.com")
        out.add("Username", event.username)
        out.add(
            "Resources",
            objects: resources(event).map { resource in
                var item = JSONWriter()
                item.add("ResourceType", resource.type)
                item.add("ResourceName", resource.name)
                return item
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        out.add("CloudTrailEvent", (try? encoder.encode(event.record)).flatMap { String(data: $0, encoding: .utf8) })
        return out
    }
}

/// Two lookups a second per account and region, as CloudTrail allows: a bucket of two tokens
/// refilled at two a second of wall time.
final class LookupRateLimit: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens = 2.0
    private var last: Date?
    let rate = 2.0

    func admit(at now: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let last { tokens = min(rate, tokens + now.timeIntervalSince(last) * rate) }
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
