import Foundation

/// A backup plan as `CreateBackupPlan` stored it. The plan itself (`BackupPlan`, its rules with
/// their `RuleId`s) is kept as the JSON document the caller sent, so every member AWS defines
/// comes back as given.
public struct DemoBackupPlan: Codable, Equatable, Sendable {
    public var id: String
    public var arn: String
    public var name: String
    public var versionId: String
    public var creatorRequestId: String?
    public var creationDate: Date
    /// The `BackupPlan` structure as JSON text, rules carrying their `RuleId`.
    public var document: String

    public init(
        id: String, arn: String, name: String, versionId: String, creatorRequestId: String?, creationDate: Date,
        document: String
    ) {
        self.id = id
        self.arn = arn
        self.name = name
        self.versionId = versionId
        self.creatorRequestId = creatorRequestId
        self.creationDate = creationDate
        self.document = document
    }
}
