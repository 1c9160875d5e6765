/// A feed of AWS Backup calls, as the command line (`--sqs-queue-url`, `--cloudtrail`,
/// `--events-file`) or a configuration file names it.
public enum FeedSpec: Sendable, Hashable, CustomStringConvertible {
    /// An SQS queue fed by EventBridge, by its URL.
    case sqs(queueURL: String)
    /// CloudTrail's LookupEvents in the configuration's account (profile), in `region` (nil: the
    /// configuration's region).
    case cloudTrail(region: String?)
    /// A JSON-lines file of EventBridge events or CloudTrail records.
    case eventsFile(path: String)

    /// Whether the feed reaches AWS (and so needs an `AWSConfiguration`).
    public var reachesAWS: Bool {
        if case .eventsFile = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .sqs(let url): return "--sqs-queue-url \(url)"
        case .cloudTrail(let region): return "--cloudtrail" + (region.map { " (\($0))" } ?? "")
        case .eventsFile(let path): return "--events-file \(path)"
        }
    }
}
