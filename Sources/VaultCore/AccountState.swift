import Foundation

/// Everything known about the central backup account: the result of applying the store's
/// records in order. A value type, so the worker can hand immutable snapshots to the screen.
public struct AccountState: Equatable, Sendable {
    public private(set) var vaults: [String: Vault] = [:]
    public private(set) var pointsByVault: [String: PointList] = [:]
    public private(set) var jobs: [BackupJob] = []
    public private(set) var calls: [ApiCall] = []
    /// Alerts in the order they were raised.
    public private(set) var alerts: [Alert] = []
    public private(set) var acknowledgements: [String: [Acknowledgement]] = [:]
    public private(set) var lastSync: SyncStatus?
    /// The last sync that succeeded (the header's "synced 4s ago").
    public private(set) var lastGoodSync: SyncStatus?
    /// Vault access policies by vault name, and SCPs by policy name, as last observed; a policy
    /// whose document is nil was removed.
    public private(set) var accessPolicies: [String: GuardrailPolicy] = [:]
    public private(set) var serviceControlPolicies: [String: GuardrailPolicy] = [:]
    /// The newest instant any record carries: a demo resumes its simulated time from here.
    public private(set) var latestInstant: Date?

    /// Bumped whenever vaults, recovery points, or alerts and their acknowledgements change, so
    /// a screen can tell cheaply whether its rows need deriving again.
    public private(set) var vaultsRevision = 0
    public private(set) var pointsRevision = 0
    public private(set) var alertsRevision = 0
    public private(set) var policiesRevision = 0
    /// Kept up to date as alerts and acknowledgements arrive: the header shows it every frame.
    public private(set) var unacknowledgedAlertCount = 0

    private var alertIndex: [String: Int] = [:]
    private var callIds: Set<String> = []

    /// Jobs and calls are an activity log: only the newest are kept in memory.
    public static let activityLimit = 2_000

    public init() {}

    public mutating func apply(_ record: Record) {
        switch record {
        case .vault(let vault):
            vaults[vault.name] = vault
            vaultsRevision += 1
            seen(vault.creationDate)
        case .vaultRemoved(let name, let at):
            vaults[name] = nil
            pointsByVault[name] = nil
            vaultsRevision += 1
            pointsRevision += 1
            seen(at)
        case .recoveryPoint(let point):
            pointsByVault[point.vaultName, default: PointList()].upsert(point)
            pointsRevision += 1
            seen(point.creationDate)
        case .recoveryPointRemoved(let arn, let vault, let at):
            pointsByVault[vault]?.remove(arn: arn)
            pointsRevision += 1
            seen(at)
        case .job(let job):
            jobs.append(job)
            if jobs.count > Self.activityLimit * 2 { jobs.removeFirst(jobs.count - Self.activityLimit) }
            seen(job.creationDate)
        case .call(let call):
            guard callIds.insert(call.id).inserted else { return }
            calls.append(call)
            if calls.count > Self.activityLimit * 2 { calls.removeFirst(calls.count - Self.activityLimit) }
            seen(call.time)
        case .alert(let alert):
            if let i = alertIndex[alert.id] {
                alerts[i] = alert
            } else {
                alertIndex[alert.id] = alerts.count
                alerts.append(alert)
                if !isAcknowledged(alert.id) { unacknowledgedAlertCount += 1 }
            }
            alertsRevision += 1
            seen(alert.time)
        case .acknowledgement(let ack):
            // Applying the same record twice (a re-read file) must not double the history.
            guard !(acknowledgements[ack.alertId]?.contains { $0.id == ack.id } ?? false) else { return }
            if !isAcknowledged(ack.alertId), alertIndex[ack.alertId] != nil { unacknowledgedAlertCount -= 1 }
            acknowledgements[ack.alertId, default: []].append(ack)
            alertsRevision += 1
            seen(ack.at)
        case .sync(let status):
            lastSync = status
            if status.error == nil { lastGoodSync = status }
            seen(status.at)
        case .policy(let policy):
            switch policy.kind {
            case .vaultAccessPolicy: accessPolicies[policy.name] = policy
            case .serviceControlPolicy: serviceControlPolicies[policy.name] = policy
            }
            policiesRevision += 1
            seen(policy.observedAt)
        }
    }

    public mutating func apply<S: Sequence>(_ records: S) where S.Element == Record {
        for r in records { apply(r) }
    }

    private mutating func seen(_ date: Date) {
        if latestInstant.map({ date > $0 }) ?? true { latestInstant = date }
    }

    // MARK: - Questions the screens ask

    /// Vaults sorted by name.
    public var sortedVaults: [Vault] { vaults.values.sorted { $0.name < $1.name } }

    public func points(in vault: String) -> [RecoveryPoint] { pointsByVault[vault]?.items ?? [] }

    /// A recovery point by ARN, through each vault's index (vaults are few, points many).
    public func point(arn: String) -> RecoveryPoint? {
        for list in pointsByVault.values { if let p = list.point(arn: arn) { return p } }
        return nil
    }

    public var pointCount: Int { pointsByVault.values.reduce(0) { $0 + $1.items.count } }

    public func alert(id: String) -> Alert? { alertIndex[id].map { alerts[$0] } }

    /// The latest acknowledgement of an alert, if any.
    public func acknowledgement(of alertId: String) -> Acknowledgement? { acknowledgements[alertId]?.last }

    public func isAcknowledged(_ alertId: String) -> Bool { acknowledgements[alertId]?.isEmpty == false }


    /// Alert ids matching a prefix an operator typed: the CLI acknowledges by unique prefix.
    public func alertIds(withPrefix prefix: String) -> [String] {
        let p = prefix.lowercased()
        return alerts.lazy.map(\.id).filter { $0.hasPrefix(p) }
    }

    /// Jobs into a vault, newest first.
    public func recentJobs(in vault: String, limit: Int) -> [BackupJob] {
        Array(jobs.lazy.reversed().filter { $0.vaultName == vault }.prefix(limit))
    }
}

/// A vault's recovery points in arrival order, with an index by ARN so a new snapshot of a point
/// replaces the old one.
public struct PointList: Equatable, Sendable {
    public private(set) var items: [RecoveryPoint] = []
    private var index: [String: Int] = [:]
    /// Kept up to date on every change, so screens never sum a vault's points per frame.
    public private(set) var totalBytes: Int64 = 0
    public private(set) var newestCreation: Date?

    public init() {}

    public func point(arn: String) -> RecoveryPoint? { index[arn].map { items[$0] } }

    mutating func upsert(_ point: RecoveryPoint) {
        if let i = index[point.arn] {
            totalBytes += point.sizeBytes - items[i].sizeBytes
            items[i] = point
        } else {
            index[point.arn] = items.count
            items.append(point)
            totalBytes += point.sizeBytes
        }
        if newestCreation.map({ point.creationDate > $0 }) ?? true { newestCreation = point.creationDate }
    }

    mutating func remove(arn: String) {
        guard let i = index.removeValue(forKey: arn) else { return }
        let removed = items.remove(at: i)
        for j in i..<items.count { index[items[j].arn] = j }
        totalBytes -= removed.sizeBytes
        if removed.creationDate == newestCreation { newestCreation = items.map(\.creationDate).max() }
    }
}
