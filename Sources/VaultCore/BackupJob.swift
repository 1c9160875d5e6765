import Foundation

/// A backup or copy job into a vault of the central account, and how it ended.
public struct BackupJob: Codable, Equatable, Sendable, Identifiable {
    public enum State: String, Codable, Sendable {
        case completed = "COMPLETED", failed = "FAILED", running = "RUNNING"
    }

    public var id: String
    public var kind: JobKind
    public var vaultName: String
    public var resourceArn: String
    public var resourceType: String
    public var lifecycle: Lifecycle
    public var state: State
    /// Why it failed, in the words of the rule that refused it.
    public var statusMessage: String?
    public var creationDate: Date
    public var recoveryPointArn: String?

    public init(
        id: String, kind: JobKind, vaultName: String, resourceArn: String, resourceType: String,
        lifecycle: Lifecycle, state: State, statusMessage: String? = nil, creationDate: Date,
        recoveryPointArn: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.vaultName = vaultName
        self.resourceArn = resourceArn
        self.resourceType = resourceType
        self.lifecycle = lifecycle
        self.state = state
        self.statusMessage = statusMessage
        self.creationDate = creationDate
        self.recoveryPointArn = recoveryPointArn
    }

    public var sourceAccount: String? { ARN(resourceArn)?.account }
}

/// The outcome of one pass of a source: when it ran, for which account, and whether it failed.
public struct SyncStatus: Codable, Equatable, Sendable {
    /// `demo`, `aws`, …
    public var source: String
    public var accountId: String
    public var region: String
    public var at: Date
    public var error: String?

    public init(source: String, accountId: String, region: String, at: Date, error: String? = nil) {
        self.source = source
        self.accountId = accountId
        self.region = region
        self.at = at
        self.error = error
    }
}
