import Foundation

/// Everything known about the central backup account: the result of applying the store's
/// records in order. A value type, so the worker can hand immutable snapshots to the screen.
public struct AccountState: Equatable, Sendable {
    public private(set) var vaults: [String: Vault] = [:]
    public private(set) var pointsByVault: [String: PointList] = [:]
    /// The newest good recovery point of each protected resource, kept as points arrive.
    public private(set) var recency = RecoveryPointRecency()
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
    /// Every call id seen, in one flat table: a store's activity log holds a hundred thousand,
    /// and a `String` each would pin as many small allocations across the heap.
    private var callIds = ByteTable()

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
            recency.rebuild(vault: name, from: nil)
            vaultsRevision += 1
            pointsRevision += 1
            seen(at)
        case .recoveryPoint(let point):
            if let old = pointsByVault[point.vaultName]?.point(arn: point.arn) {
                pointsByVault[point.vaultName]?.upsert(point)
                if old.creationDate != point.creationDate || old.status != point.status {
                    recency.rebuild(vault: point.vaultName, from: pointsByVault[point.vaultName])
                }
            } else {
                pointsByVault[point.vaultName, default: PointList()].upsert(point)
            }
            recency.record(point)
            pointsRevision += 1
            seen(point.creationDate)
        case .recoveryPointRemoved(let arn, let vault, let at):
            if let gone = pointsByVault[vault]?.point(arn: arn) {
                pointsByVault[vault]?.remove(arn: arn)
                recency.removed(gone, from: pointsByVault[vault] ?? PointList())
            }
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

    /// Puts a vault's whole list of recovery points in place, as a loader that read the vault's
    /// points file built it: the same state as applying each of its records, without making a
    /// `Record` per point. `latestInstant` is the newest instant those records carried.
    public mutating func installPoints(_ list: PointList, vault: String, latestInstant: Date?) {
        pointsByVault[vault] = list
        recency.rebuild(vault: vault, from: list)
        pointsRevision += 1
        if let latestInstant { seen(latestInstant) }
    }

    /// Puts a vault's points summary where its points would be for the guardrail checks (each
    /// resource's newest point), for a command that reads summaries instead of points.
    public mutating func installSummary(_ summary: PointsSummary, vault: String) {
        recency.install(vault: vault, newest: summary.newestCounted)
    }

    private mutating func seen(_ date: Date) {
        if latestInstant.map({ date > $0 }) ?? true { latestInstant = date }
    }

    // MARK: - Questions the screens ask

    /// Vaults sorted by name.
    public var sortedVaults: [Vault] { vaults.values.sorted { $0.name < $1.name } }

    /// A vault's points in arrival order (none when it holds none): made on access, one by one.
    public func points(in vault: String) -> PointList { pointsByVault[vault] ?? PointList() }

    /// A recovery point by ARN, through each vault's index (vaults are few, points many).
    public func point(arn: String) -> RecoveryPoint? {
        for list in pointsByVault.values { if let p = list.point(arn: arn) { return p } }
        return nil
    }

    public var pointCount: Int { pointsByVault.values.reduce(0) { $0 + $1.count } }

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
