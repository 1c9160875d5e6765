import Foundation
import VaultCore

/// One CloudTrail management event the emulator recorded: the backend's `ApiCall` and what the
/// wire adds (the access key that signed it, whether the call only read).
public struct TrailEvent: Codable, Equatable, Sendable {
    public var call: ApiCall
    public var accessKeyId: String?
    public var readOnly: Bool

    public init(call: ApiCall, accessKeyId: String?, readOnly: Bool) {
        self.call = call
        self.accessKeyId = accessKeyId
        self.readOnly = readOnly
    }

    /// The CloudTrail record (what EventBridge carries as `detail` and LookupEvents as the
    /// `CloudTrailEvent` string), with the access key and `readOnly` filled in.
    public var record: JSONValue {
        guard case .object(let envelope) = call.eventBridgeEvent, case .object(var detail)? = envelope["detail"] else {
            return .null
        }
        detail["readOnly"] = .bool(readOnly)
        if let accessKeyId, case .object(var identity)? = detail["userIdentity"] {
            identity["accessKeyId"] = .string(accessKeyId)
            detail["userIdentity"] = .object(identity)
        }
        return .object(detail)
    }

    /// Whether an action only reads (CloudTrail's `readOnly`): AWS Backup's Describe, List and Get calls.
    static func isReadOnly(_ action: String) -> Bool {
        action.hasPrefix("Describe") || action.hasPrefix("List") || action.hasPrefix("Get")
    }

    /// CloudTrail's `Username`: the session name of a role, the user name, or `root`.
    var username: String {
        let principal = call.principal
        switch principal.kind {
        case .root: return "root"
        default: return principal.arn.split(separator: "/").last.map(String.init) ?? principal.arn
        }
    }
}
