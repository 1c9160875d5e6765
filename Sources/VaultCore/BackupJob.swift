import Foundation

/// A backup or copy job into a vault of the central account, and how it ended.
public struct BackupJob: Codable, Hashable, Sendable, Identifiable {
    /// AWS Backup's job states. A job the lock refused is `failed`, with the rule in its message.
    public enum State: String, Codable, Sendable {
        case created = "CREATED", pending = "PENDING", running = "RUNNING", aborting = "ABORTING"
        case aborted = "ABORTED", completed = "COMPLETED", failed = "FAILED", expired = "EXPIRED"
        case partial = "PARTIAL"
    }

    public var id: String
    public var kind: JobKind
    public var vaultName: String
    /// The account and region of the vault; empty in a record from before schema 3.
    public var accountId: String
    public var region: String
    public var resourceArn: String
    public var resourceType: String
    public var lifecycle: Lifecycle
    public var state: State
    /// Why it failed, in the words of the rule that refused it.
    public var statusMessage: String?
    public var creationDate: Date
    public var recoveryPointArn: String?

    public init(
        id: String, kind: JobKind, vaultName: String, accountId: String = "", region: String = "",
        resourceArn: String, resourceType: String,
        lifecycle: Lifecycle, state: State, statusMessage: String? = nil, creationDate: Date,
        recoveryPointArn: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.vaultName = vaultName
        self.accountId = accountId
        self.region = region
        self.resourceArn = resourceArn
        self.resourceType = resourceType
        self.lifecycle = lifecycle
        self.state = state
        self.statusMessage = statusMessage
        self.creationDate = creationDate
        self.recoveryPointArn = recoveryPointArn
    }

    public var sourceAccount: String? { ARN(resourceArn)?.account }

    public var vaultKey: VaultKey { VaultKey(accountId: accountId, region: region, name: vaultName) }
}

extension BackupJob {
    private enum CodingKeys: String, CodingKey {
        case id, kind, vaultName, accountId, region, resourceArn, resourceType, lifecycle, state, statusMessage
        case creationDate, recoveryPointArn
    }

    /// A job written before schema 3 has no `accountId` or `region` (a legacy job).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), kind: try c.decode(JobKind.self, forKey: .kind),
            vaultName: try c.decode(String.self, forKey: .vaultName),
            accountId: try c.decodeIfPresent(String.self, forKey: .accountId) ?? "",
            region: try c.decodeIfPresent(String.self, forKey: .region) ?? "",
            resourceArn: try c.decode(String.self, forKey: .resourceArn),
            resourceType: try c.decode(String.self, forKey: .resourceType),
            lifecycle: try c.decode(Lifecycle.self, forKey: .lifecycle), state: try c.decode(State.self, forKey: .state),
            statusMessage: try c.decodeIfPresent(String.self, forKey: .statusMessage),
            creationDate: try c.decode(Date.self, forKey: .creationDate),
            recoveryPointArn: try c.decodeIfPresent(String.self, forKey: .recoveryPointArn))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(vaultName, forKey: .vaultName)
        if !accountId.isEmpty { try c.encode(accountId, forKey: .accountId) }
        if !region.isEmpty { try c.encode(region, forKey: .region) }
        try c.encode(resourceArn, forKey: .resourceArn)
        try c.encode(resourceType, forKey: .resourceType)
        try c.encode(lifecycle, forKey: .lifecycle)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(statusMessage, forKey: .statusMessage)
        try c.encode(creationDate, forKey: .creationDate)
        try c.encodeIfPresent(recoveryPointArn, forKey: .recoveryPointArn)
    }
}

/// The outcome of one pass of a source: when it ran, for which account, and whether it failed.
public struct SyncStatus: Codable, Equatable, Sendable {
    /// `demo`, `aws`, …
    public var source: String
    public var accountId: String
    public var region: String
    public var at: Date
    public var error: String?
    /// Who the source read as (`GetCallerIdentity`'s ARN), when it knows.
    public var identityArn: String?
    /// What this sync could not read, and why: the checks that need it say UNKNOWN with the reason
    /// (`GetBackupVaultAccessPolicy on WORM_vault: access denied (AccessDeniedException): …`).
    public var degraded: [String]?
    /// The source reads the account's EventBridge rules (an AWS account source does; the demo and the
    /// feeds do not): no rule stored for its account and region then means the account has none that
    /// concerns AWS Backup, and the alert checks judge exactly that instead of vaultwatch's defaults.
    public var readsEventRules: Bool?
    /// Set when the sync was made on simulated time (the demo faster than real time, or resumed
    /// ahead of the wall clock): how fast it ran and the wall-clock instant `at` stood for, so the
    /// store's time carries on from there for whoever reads it (see `StoreTime`).
    public var simulated: SimulatedTime?

    public init(
        source: String, accountId: String, region: String, at: Date, error: String? = nil, identityArn: String? = nil,
        degraded: [String]? = nil, readsEventRules: Bool? = nil,
        simulated: SimulatedTime? = nil
    ) {
        self.source = source
        self.accountId = accountId
        self.region = region
        self.at = at
        self.error = error
        self.identityArn = identityArn
        self.degraded = degraded
        self.readsEventRules = readsEventRules
        self.simulated = simulated
    }
}
