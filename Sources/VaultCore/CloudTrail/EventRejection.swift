/// Why a piece of JSON did not become an `ApiCall`, in one line that names the field at fault.
///
/// Two kinds, because a feed treats them differently: something that is not an event at all (not
/// JSON, neither an EventBridge event nor a CloudTrail record, or one without the fields every such
/// event has) is set aside and reported; an event that is fine but is not an AWS Backup API call
/// (another service, a state-change event, a console sign-in) is simply not for vaultwatch.
public struct EventRejection: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Not an event, or an event missing what every event has.
        case malformed
        /// A well-formed event that is not an AWS Backup API call.
        case unrelated
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    static func malformed(_ reason: String) -> EventRejection { EventRejection(.malformed, reason) }
    static func unrelated(_ reason: String) -> EventRejection { EventRejection(.unrelated, reason) }

    public var description: String { reason }
}
