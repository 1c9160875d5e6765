import Foundation

/// Everything known about the central backup account (or several accounts and regions): the
/// result of applying the store's records in order. A value type, so the worker can hand
/// immutable snapshots to the screen.
///
/// Vaults are keyed by account, region and name. A record from a store written before schema 3
/// names its vault only (a legacy `VaultKey`): such a store held one account and region, those of
/// its first vault (the `home`), and the record is given to the vault of that name there.
public struct AccountState: Equatable, Sendable {
    public private(set) var vaults: [VaultKey: Vault] = [:]
    public private(set) var pointsByVault: [VaultKey: PointList] = [:]
    /// The newest good recovery point of each protected resource, kept as points arrive.
    public private(set) var recency = RecoveryPointRecency()
    public private(set) var jobs: [BackupJob] = []
    public private(set) var calls: [ApiCall] = []
    /// Alerts in the order they were raised (in runs a snapshot shares: see `AlertLog`).
    public private(set) var alerts = AlertLog()
    public private(set) var acknowledgements: [String: [Acknowledgement]] = [:]
    public private(set) var lastSync: SyncStatus?
    /// The last sync that succeeded (the header's "synced 4s ago").
    public private(set) var lastGoodSync: SyncStatus?
    /// The last sync of each source, by its name: what each could not read (`degraded`) is what
    /// the screens and checks say is unknown.
    public private(set) var syncBySource: [String: SyncStatus] = [:]
    /// The newest sync made on simulated time (the demo's): what `StoreTime` tells the time by.
    public private(set) var simulatedSync: SyncStatus?
    /// Vault access policies by vault, and SCPs by policy name, as last observed; a policy whose
    /// document is nil was removed.
    public private(set) var accessPolicies: [VaultKey: GuardrailPolicy] = [:]
    public private(set) var serviceControlPolicies: [String: GuardrailPolicy] = [:]
    /// EventBridge rules and backup plans a source read, by account, region and name.
    public private(set) var eventRules: [String: GuardrailPolicy] = [:]
    public private(set) var backupPlans: [String: GuardrailPolicy] = [:]
    /// Where each account sits in its organization, by account id.
    public private(set) var organizationPaths: [String: OrganizationPath] = [:]
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
    /// The same count per account the alerts were raised in (the header's counts when alerts come
    /// from several accounts of an organization).
    public private(set) var unacknowledgedAlertsByAccount: [String: Int] = [:]
    /// The accounts and regions alerts were raised in (an alert written before schema 3 without a
    /// vault names neither).
    public private(set) var alertAccountIds: Set<String> = []
    public private(set) var alertRegions: Set<String> = []

    /// Where each alert id is in `alerts`: shared with the snapshots taken of this state (see
    /// `AlertIdIndex`), read below `alerts.count` only.
    private(set) var alertIndex = AlertIdIndex()
    /// Where each job id is in `jobs`: a job's newer snapshot (RUNNING, then COMPLETED) replaces it.
    private var jobIndex: [String: Int] = [:]
    /// Every call id seen, in one flat table: a store's activity log holds a hundred thousand,
    /// and a `String` each would pin as many small allocations across the heap.
    private var callIds = ByteTable()
    /// The keys of the vaults of each name, to resolve a legacy key.
    private var keysByName: [String: Set<VaultKey>] = [:]
    /// The account and region of the first vault applied: where a store written before schema 3
    /// kept every vault, so where its legacy records belong.
    public private(set) var home: VaultKey.Home?

    /// Jobs and calls are an activity log: only the newest are kept in memory.
    public static let activityLimit = 2_000

    public init() {}

    public mutating func apply(_ record: consuming Record) {
        switch consume record {
        case .vault(let vault):
            let key = vault.key
            if vaults.updateValue(vault, forKey: key) == nil { keysByName[vault.name, default: []].insert(key) }
            if home == nil {
                home = VaultKey.Home(accountId: vault.accountId, region: vault.region)
                adoptLegacyRecords()
            }
            vaultsRevision += 1
            seen(vault.creationDate)
        case .vaultRemoved(let named, let at):
            let key = resolve(named)
            if vaults.removeValue(forKey: key) != nil { keysByName[key.name]?.remove(key) }
            pointsByVault[key] = nil
            recency.rebuild(vault: key, from: nil)
            vaultsRevision += 1
            pointsRevision += 1
            seen(at)
        case .recoveryPoint(var point):
            let key = resolve(point.vaultKey)
            point.accountId = key.accountId
            point.region = key.region
            if let old = pointsByVault[key]?.point(arn: point.arn) {
                pointsByVault[key]?.upsert(point)
                if old.creationDate != point.creationDate || old.status != point.status {
                    recency.rebuild(vault: key, from: pointsByVault[key])
                }
            } else {
                pointsByVault[key, default: PointList(vault: key)].upsert(point)
            }
            recency.record(point)
            pointsRevision += 1
            seen(point.creationDate)
        case .recoveryPointRemoved(let arn, let named, let at):
            let key = resolve(named)
            if let gone = pointsByVault[key]?.point(arn: arn) {
                pointsByVault[key]?.remove(arn: arn)
                recency.removed(gone, from: pointsByVault[key] ?? PointList(vault: key))
            }
            pointsRevision += 1
            seen(at)
        case .job(var job):
            let key = resolve(job.vaultKey)
            job.accountId = key.accountId
            job.region = key.region
            if let i = jobIndex[job.id] {
                jobs[i] = job
            } else {
                jobIndex[job.id] = jobs.count
                jobs.append(job)
                if jobs.count > Self.activityLimit * 2 {
                    jobs.removeFirst(jobs.count - Self.activityLimit)
                    jobIndex = Dictionary(jobs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { $1 })
                }
            }
            seen(job.creationDate)
        case .call(let call):
            guard callIds.insert(call.id).inserted else { return }
            calls.append(call)
            if calls.count > Self.activityLimit * 2 { calls.removeFirst(calls.count - Self.activityLimit) }
            seen(call.time)
        case .alert(var alert):
            if let vault = alert.vaultKey, alert.accountId.isEmpty {
                let key = resolve(vault)
                alert.accountId = key.accountId
                alert.region = key.region
            }
            let acknowledged = isAcknowledged(alert.id)
            if !acknowledged { unacknowledgedAlertsByAccount[alert.accountId, default: 0] += 1 }
            // Those of the alert before, already in (alerts come a few accounts and regions for
            // thousands of lines): a comparison of two short strings, not a hash each.
            // (Each read where it is: `alerts.last` would copy the whole alert, every string retained.)
            let before = alerts.count - 1
            if !alert.accountId.isEmpty, before < 0 || alert.accountId != alerts[before].accountId {
                alertAccountIds.insert(alert.accountId)
            }
            if !alert.region.isEmpty, before < 0 || alert.region != alerts[before].region { alertRegions.insert(alert.region) }
            alertsRevision += 1
            seen(alert.time)
            // Where it is, or (one look-up) where it goes; the alert moved in last, not copied.
            let next = alerts.count
            let i = alertPlace(of: alert.id, orAppendAt: next)
            if i < next {
                if !acknowledged { unacknowledgedAlertsByAccount[alerts[i].accountId, default: 0] -= 1 }
                alerts[i] = alert
            } else {
                if !acknowledged { unacknowledgedAlertCount += 1 }
                alerts.append(alert)
            }
        case .acknowledgement(let ack):
            // Applying the same record twice (a re-read file) must not double the history.
            guard !(acknowledgements[ack.alertId]?.contains { $0.id == ack.id } ?? false) else { return }
            if !isAcknowledged(ack.alertId), let i = alertIndex.place(of: ack.alertId, within: alerts.count) {
                unacknowledgedAlertCount -= 1
                unacknowledgedAlertsByAccount[alerts[i].accountId, default: 0] -= 1
            }
            acknowledgements[ack.alertId, default: []].append(ack)
            alertsRevision += 1
            seen(ack.at)
        case .sync(let status):
            lastSync = status
            if status.simulated != nil || status.source == StoreTime.demoSource { simulatedSync = status }
            if status.error == nil {
                lastGoodSync = status
                syncBySource[status.source] = status
            }
            seen(status.at)
        case .policy(var policy):
            switch policy.kind {
            case .vaultAccessPolicy:
                let key = resolve(policy.vaultKey)
                if !key.isLegacy {
                    policy.accountId = key.accountId
                    policy.region = key.region
                }
                accessPolicies[key] = policy
            case .serviceControlPolicy: serviceControlPolicies[policy.name] = policy
            case .eventRule: eventRules[policy.scopedName] = policy
            case .backupPlan: backupPlans[policy.scopedName] = policy
            }
            policiesRevision += 1
            seen(policy.observedAt)
        case .organization(let path):
            organizationPaths[path.accountId] = path
            policiesRevision += 1
            seen(path.observedAt)
        }
    }

    /// The vault a key means: itself, or for a legacy key the vault of that name in the home
    /// account and region (before any vault is known, the one vault of that name, or the legacy
    /// key itself).
    public func resolve(_ key: VaultKey) -> VaultKey {
        guard key.isLegacy else { return key }
        if let home { return home.vault(named: key.name) }
        guard let keys = keysByName[key.name], keys.count == 1 else { return key }
        return keys.first!
    }

    /// Once the home is known, the points and policies that legacy records left under a bare name
    /// (records read before any vault) move to their vault.
    private mutating func adoptLegacyRecords() {
        for legacy in pointsByVault.keys where legacy.isLegacy {
            guard var list = pointsByVault.removeValue(forKey: legacy) else { continue }
            let key = resolve(legacy)
            list.assign(to: key)
            pointsByVault[key] = list
            recency.rebuild(vault: legacy, from: nil)
            recency.rebuild(vault: key, from: list)
            pointsRevision += 1
        }
        for legacy in accessPolicies.keys where legacy.isLegacy {
            guard var policy = accessPolicies.removeValue(forKey: legacy) else { continue }
            let key = resolve(legacy)
            policy.accountId = key.accountId
            policy.region = key.region
            accessPolicies[key] = policy
        }
    }

    /// Room for `count` more alerts, for a loader that knows how many lines it is about to apply:
    /// the list and its index are not grown (and rehashed) step by step.
    public mutating func reserveCapacity(alerts count: Int) {
        alerts.reserveCapacity(alerts.count + count)
        alertIndex.reserveCapacity(count)
    }

    /// Room for about `count` more acknowledged alerts, so the table of them is not rebuilt as it grows.
    public mutating func reserveCapacity(acknowledgements count: Int) {
        acknowledgements.reserveCapacity(acknowledgements.count + count)
    }

    /// Where alert `id` is, or `next` (the end of `alerts`) when it is new, which it now has. A
    /// state behind its shared index's newest place takes an index of its own first.
    private mutating func alertPlace(of id: String, orAppendAt next: Int) -> Int {
        if let place = alertIndex.place(of: id, orAppendAt: next) { return place }
        alertIndex = alertIndex.prefix(next)
        return alertIndex.place(of: id, orAppendAt: next) ?? next
    }

    public mutating func apply<S: Sequence>(_ records: S) where S.Element == Record {
        for r in records { apply(r) }
    }

    /// Puts a vault's whole list of recovery points in place, as a loader that read the vault's
    /// points file built it: the same state as applying each of its records, without making a
    /// `Record` per point. `latestInstant` is the newest instant those records carried.
    public mutating func installPoints(_ list: PointList, latestInstant: Date?) {
        var list = list
        let vault = resolve(list.vault)
        if vault != list.vault { list.assign(to: vault) }
        pointsByVault[vault] = list
        recency.rebuild(vault: vault, from: list)
        pointsRevision += 1
        if let latestInstant { seen(latestInstant) }
    }

    /// Puts a vault's points summary where its points would be for the guardrail checks (each
    /// resource's newest point), for a command that reads summaries instead of points.
    public mutating func installSummary(_ summary: PointsSummary, vault: VaultKey) {
        recency.install(vault: vault, newest: summary.newestCounted)
    }

    private mutating func seen(_ date: Date) {
        if latestInstant.map({ date > $0 }) ?? true { latestInstant = date }
    }

    // MARK: - Questions the screens ask

    /// Vaults sorted by name, then account and region.
    public var sortedVaults: [Vault] { vaults.values.sorted { $0.key < $1.key } }

    /// A vault's points in arrival order (none when it holds none): made on access, one by one.
    public func points(in vault: VaultKey) -> PointList { pointsByVault[vault] ?? PointList(vault: vault) }

    /// The vaults an operator's `--vault` names: `ACCOUNT/REGION/NAME` exactly, or a name, which
    /// may stand for several vaults in a store of several accounts or regions.
    public func vaults(named text: String) -> [Vault] {
        if let key = VaultKey(qualified: text) { return vaults[key].map { [$0] } ?? [] }
        return (keysByName[text] ?? []).sorted().compactMap { vaults[$0] }
    }

    /// The accounts and regions the store knows of, from its vaults, its alerts and where its
    /// sources read (the central account of a queue that so far brought one member's alerts): more
    /// than one of either and the screens and listings show where each vault and alert is.
    public var accountIds: [String] {
        let read = syncBySource.values.map(\.accountId).filter { !$0.isEmpty }
        return Array(Set(vaults.keys.map(\.accountId)).union(alertAccountIds).union(read)).sorted()
    }
    public var regions: [String] {
        let read = syncBySource.values.map(\.region).filter { !$0.isEmpty }
        return Array(Set(vaults.keys.map(\.region)).union(alertRegions).union(read)).sorted()
    }
    public var spansAccountsOrRegions: Bool { accountIds.count > 1 || regions.count > 1 }

    /// The CloudTrail event ids of every call held, as a call or through the alert it raised (a
    /// compacted or trimmed activity log keeps the alert): a feed resuming from the store skips an
    /// event it is handed again (an SQS redelivery, an overlapping CloudTrail lookup).
    public var heldCallIds: Set<String> { Set(callIds.strings).union(alerts.lazy.map(\.callId)) }

    /// A recovery point by ARN, through each vault's index (vaults are few, points many).
    public func point(arn: String) -> RecoveryPoint? {
        for list in pointsByVault.values { if let p = list.point(arn: arn) { return p } }
        return nil
    }

    public var pointCount: Int { pointsByVault.values.reduce(0) { $0 + $1.count } }

    public func alert(id: String) -> Alert? { alertIndex.place(of: id, within: alerts.count).map { alerts[$0] } }

    /// The latest acknowledgement of an alert, if any.
    public func acknowledgement(of alertId: String) -> Acknowledgement? { acknowledgements[alertId]?.last }

    public func isAcknowledged(_ alertId: String) -> Bool { acknowledgements[alertId]?.isEmpty == false }


    /// Alert ids matching a prefix an operator typed: the CLI acknowledges by unique prefix.
    public func alertIds(withPrefix prefix: String) -> [String] {
        let p = prefix.lowercased()
        return alerts.lazy.map(\.id).filter { $0.hasPrefix(p) }
    }

    /// Why `operation` could not be read for `vault` (the source reading the vault's account and
    /// region said so in its last good sync), or nil when it was read, or nobody tried.
    public func unreadable(_ operation: String, vault: VaultKey) -> String? {
        let prefix = "\(operation) on \(vault.name): "
        for sync in syncBySource.values where sync.accountId == vault.accountId && sync.region == vault.region {
            if let text = sync.degraded?.first(where: { $0.hasPrefix(prefix) }) { return String(text.dropFirst(prefix.count)) }
        }
        return nil
    }

    /// Jobs into a vault, newest first.
    public func recentJobs(in vault: VaultKey, limit: Int) -> [BackupJob] {
        Array(jobs.lazy.reversed().filter { $0.vaultKey == vault }.prefix(limit))
    }
}
