import AWSClient
import Foundation
import VaultCore

/// One AWS account and region, read as the AWS CLI reaches it: vaults of every type with their
/// locks, recovery points, the jobs into the vaults (refused ones with the reason), access
/// policies, notifications, keys, the organization's SCPs level by level, the EventBridge rules
/// that concern AWS Backup, and backup plans. Read only: it never calls a mutating API.
///
/// Each poll lists the vaults and, per vault, the recovery points created since the newest one it
/// knows (one request per vault when nothing changed), and the jobs since the last poll. Every
/// `reconcileInterval`, and at the start, it reads everything whole: every point (so deleted and
/// expired ones disappear), the policies, keys, rules, plans and the organization. A listing is
/// applied only when complete: a poll that fails anywhere writes nothing. A call refused for lack
/// of permission degrades only what needs it, said in the sync's `degraded` list.
///
/// Used from one runner queue; `cancel()` may come from any thread (it cancels the call in flight).
public final class AWSAccountSource: Source, @unchecked Sendable {
    public struct Settings: Sendable {
        /// Seconds between polls.
        public var pollInterval: TimeInterval
        /// Seconds between whole reads.
        public var reconcileInterval: TimeInterval
        /// How far back the first job listing looks.
        public var jobWindow: TimeInterval
        /// How far before the newest known point an incremental listing starts (points are listed
        /// by creation date, and one still being created may finish after a newer one).
        public var pointOverlap: TimeInterval
        /// The EventBridge buses whose rules are read.
        public var eventBuses: [String]

        public init(
            pollInterval: TimeInterval = 60, reconcileInterval: TimeInterval = 900, jobWindow: TimeInterval = 14 * 86_400,
            pointOverlap: TimeInterval = 3 * 3600, eventBuses: [String] = ["default"]
        ) {
            self.pollInterval = pollInterval
            self.reconcileInterval = reconcileInterval
            self.jobWindow = jobWindow
            self.pointOverlap = pointOverlap
            self.eventBuses = eventBuses
        }
    }

    public let name: String
    public private(set) var accountId: String
    public let region: String
    private let settings: Settings
    private let reader: AccountReader
    private let cancellation = CancellationHandle()

    private var identity: CallerIdentity?
    private var known = KnownAccount()
    private var lastWhole: Date?
    private var jobsSince: Date?

    /// - Parameters:
    ///   - client: reaches the account (its configuration's profile and endpoints).
    ///   - region: the region to read; nil takes the configuration's.
    ///   - organizationsClient: reaches Organizations as the management account or a delegated
    ///     administrator (another profile), which alone may walk the organization; nil uses `client`.
    public init(
        client: AWSClient, region: String? = nil, organizationsClient: AWSClient? = nil, settings: Settings = Settings()
    ) throws {
        let region = try region ?? client.configuration.requireRegion()
        self.region = region
        self.settings = settings
        accountId = ""
        name = "aws \(client.configuration.profileName) \(region)"
        reader = AccountReader(
            client: client, organizationsClient: organizationsClient ?? client, region: region, cancellation: cancellation)
    }

    public func cancel() { cancellation.cancel() }

    public func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        let identity = try reader.identity()
        self.identity = identity
        accountId = identity.account
        known = KnownAccount(state, accountId: identity.account, region: region)
        jobsSince = known.newestJob(in: state, accountId: identity.account, region: region).map { $0 - settings.pointOverlap }
        return try read(at: now, whole: true)
    }

    public func poll(at now: Date) throws -> SourceBatch {
        let whole = lastWhole.map { now.timeIntervalSince($0) >= settings.reconcileInterval } ?? true
        if whole, let identity = try? reader.identity() { self.identity = identity }
        return try read(at: now, whole: whole)
    }

    /// One poll: builds the records of what changed against a copy of what is known, and makes the
    /// copy what is known only once the store holds them (`committed`).
    private func read(at now: Date, whole: Bool) throws -> SourceBatch {
        var next = known
        var records: [Record] = []
        var degraded = Degradations()
        // What only a whole read tries: its refusals stand until the next whole read says otherwise,
        // so a check stays UNKNOWN between whole reads instead of judging a document it never saw.
        var wholeDegraded = Degradations()

        // Vaults.
        var vaults = try reader.vaults(accountId: accountId)
        if whole {
            for i in vaults.indices {
                let name = vaults[i].name
                vaults[i].notifications = try wholeDegraded.tolerate("GetBackupVaultNotifications on \(name)") {
                    try reader.notifications(of: name)
                } ?? next.vaults[vaults[i].key]?.notifications
            }
            // An AWS owned key (the listing's EncryptionKeyType says so) lives in AWS's own account:
            // KMS describes no such key, and there is nothing more to learn about it.
            var keys: [String: (customerManaged: Bool, alias: String?)] = [:]
            for arn in Set(vaults.filter { $0.encryptionKeyType != .awsOwned }.compactMap(\.encryptionKeyArn)).sorted() {
                keys[arn] = try wholeDegraded.tolerate("DescribeKey/ListAliases on \(arn)") { try reader.key(arn) }
            }
            for i in vaults.indices {
                guard let arn = vaults[i].encryptionKeyArn, let key = keys[arn] else { continue }
                vaults[i].encryptionKeyType = key.customerManaged ? .customerManaged : .awsOwned
                vaults[i].encryptionKeyAlias = key.alias
            }
        } else {
            // Between whole reads, what only a whole read learns stays as it was.
            for i in vaults.indices {
                guard let old = next.vaults[vaults[i].key] else { continue }
                vaults[i].notifications = old.notifications
                if old.encryptionKeyArn == vaults[i].encryptionKeyArn {
                    vaults[i].encryptionKeyType = old.encryptionKeyType ?? vaults[i].encryptionKeyType
                    vaults[i].encryptionKeyAlias = old.encryptionKeyAlias
                }
            }
        }
        let listed = Set(vaults.map(\.key))
        for vault in vaults where next.vaults[vault.key] != vault {
            next.vaults[vault.key] = vault
            records.append(.vault(vault))
        }
        for gone in next.vaults.keys.sorted() where !listed.contains(gone) {
            next.vaults[gone] = nil
            next.points[gone] = nil
            next.newestPoint[gone] = nil
            next.accessPolicies[gone] = nil
            records.append(.vaultRemoved(gone, at: now))
        }

        // Recovery points: whole, or since the newest known.
        for vault in vaults {
            let key = vault.key
            let isNew = next.points[key] == nil
            let after = whole || isNew ? nil : next.newestPoint[key].map { $0 - settings.pointOverlap }
            guard let points = try degraded.tolerate("ListRecoveryPointsByBackupVault on \(vault.name)", {
                try reader.points(of: vault, createdAfter: after, now: now)
            }) else { continue }
            var prints = next.points[key] ?? [:]
            for point in points where prints[point.arn] != point.hashValue {
                prints[point.arn] = point.hashValue
                records.append(.recoveryPoint(point))
            }
            if after == nil {
                let present = Set(points.map(\.arn))
                for arn in prints.keys.sorted() where !present.contains(arn) {
                    prints[arn] = nil
                    records.append(.recoveryPointRemoved(arn: arn, vault: key, at: now))
                }
            }
            next.points[key] = prints
            if let newest = points.map(\.creationDate).max(), newest > (next.newestPoint[key] ?? .distantPast) {
                next.newestPoint[key] = newest
            }
        }

        // Jobs into these vaults.
        let since = jobsSince ?? now - settings.jobWindow
        let byArn = Dictionary(vaults.map { ($0.arn, $0) }, uniquingKeysWith: { a, _ in a })
        let jobs = try degraded.tolerate("ListBackupJobs/ListCopyJobs") { try reader.jobs(since: since, into: byArn) } ?? []
        for job in jobs.sorted(by: { ($0.creationDate, $0.id) < ($1.creationDate, $1.id) }) where next.jobs[job.id] != job.hashValue {
            next.jobs[job.id] = job.hashValue
            records.append(.job(job))
        }

        if whole {
            records += try readGuardrails(vaults, into: &next, degraded: &wholeDegraded, at: now)
            next.wholeReadNotes = wholeDegraded.notes
        }
        let notes = degraded.notes + next.wholeReadNotes
        records.append(
            .sync(
                SyncStatus(
                    source: name, accountId: accountId, region: region, at: now, identityArn: identity?.arn,
                    degraded: notes.isEmpty ? nil : notes, readsEventRules: true)))
        let nextJobsSince = now - settings.pointOverlap
        let written = next
        return SourceBatch(records: records, nextPoll: settings.pollInterval) { [self] in
            known = written
            jobsSince = nextJobsSince
            if whole { lastWhole = now }
        }
    }

    /// The documents the guardrails are judged with: access policies, the organization's SCPs, the
    /// EventBridge rules and the backup plans (only on whole reads).
    private func readGuardrails(
        _ vaults: [Vault], into next: inout KnownAccount, degraded: inout Degradations, at now: Date
    ) throws -> [Record] {
        var records: [Record] = []
        for vault in vaults {
            // Unknown (refused) leaves what is known; a vault without a policy reads as nil.
            guard let document = try degraded.tolerate("GetBackupVaultAccessPolicy on \(vault.name)", {
                try reader.accessPolicy(of: vault.name)
            }) else { continue }
            if next.accessPolicies[vault.key].map({ $0 == document }) != true {
                next.accessPolicies[vault.key] = .some(document)
                records.append(.policy(.accessPolicy(of: vault.key, document: document, at: now)))
            }
        }

        do {
            let (path, scps) = try reader.organization(of: accountId, now: now)
            if next.organization.map({ $0.levels != path.levels || $0.managementAccountId != path.managementAccountId
                || $0.unavailable != nil }) ?? true
            {
                next.organization = path
                records.append(.organization(path))
            }
            for scp in scps where next.scps[scp.policyId ?? scp.name].map({ $0 == scp.document }) != true {
                next.scps[scp.policyId ?? scp.name] = .some(scp.document)
                records.append(.policy(scp))
            }
        } catch let error as AWSError where !error.stopsThePoll {
            let reason = "\(error)"
            degraded.note("Organizations: \(reason)")
            if next.organization?.unavailable != reason {
                let path = OrganizationPath(accountId: accountId, levels: [], unavailable: reason, observedAt: now)
                next.organization = path
                records.append(.organization(path))
            }
        }

        // Rules and plans: a listing read whole also says which are gone (a deleted alert rule must not
        // go on passing the checks); one that was refused removes nothing.
        var listedRules: Set<String>? = []
        for bus in settings.eventBuses {
            guard let rules = try degraded.tolerate("ListRules on \(bus)", { try reader.rules(on: bus) }) else {
                listedRules = nil
                continue
            }
            for rule in rules {
                listedRules?.insert(rule.name)
                guard next.rules[rule.name] != rule.document else { continue }
                next.rules[rule.name] = rule.document
                records.append(.policy(guardrail(.eventRule, rule.name, document: rule.document, at: now)))
            }
        }
        if let listed = listedRules {
            for gone in next.rules.keys.sorted() where !listed.contains(gone) {
                next.rules[gone] = nil
                records.append(.policy(guardrail(.eventRule, gone, document: nil, at: now)))
            }
        }

        if let plans = try degraded.tolerate("ListBackupPlans", { try reader.plans() }) {
            for plan in plans where next.plans[plan.name] != plan.document {
                next.plans[plan.name] = plan.document
                records.append(.policy(guardrail(.backupPlan, plan.name, id: plan.id, document: plan.document, at: now)))
            }
            let listed = Set(plans.map(\.name))
            for gone in next.plans.keys.sorted() where !listed.contains(gone) {
                next.plans[gone] = nil
                records.append(.policy(guardrail(.backupPlan, gone, document: nil, at: now)))
            }
        }
        return records
    }

    /// A rule or plan of this account and region as observed at `now`; no document: it is gone.
    private func guardrail(
        _ kind: GuardrailPolicy.Kind, _ name: String, id: String? = nil, document: String?, at now: Date
    ) -> GuardrailPolicy {
        GuardrailPolicy(
            kind: kind, name: name, policyId: id, accountId: accountId, region: region, document: document, observedAt: now)
    }
}
