import Foundation
import VaultCore

/// Everything a backend holds, as one Codable value: what an emulator writes to its store so that
/// a restart resumes the same account (vaults with their locks, policies, notifications and
/// points, jobs still running, plans, and the id counter).
public struct DemoBackendSnapshot: Codable, Equatable, Sendable {
    public struct VaultEntry: Codable, Equatable, Sendable {
        public var vault: Vault
        public var creatorRequestId: String?
        public var accessPolicy: String?
        public var notificationTopicArn: String?
        public var notificationEvents: [String]
        public var points: [RecoveryPoint]

        public init(
            vault: Vault, creatorRequestId: String?, accessPolicy: String?, notificationTopicArn: String?,
            notificationEvents: [String], points: [RecoveryPoint]
        ) {
            self.vault = vault
            self.creatorRequestId = creatorRequestId
            self.accessPolicy = accessPolicy
            self.notificationTopicArn = notificationTopicArn
            self.notificationEvents = notificationEvents
            self.points = points
        }
    }

    public var accountId: String
    public var region: String
    public var vaults: [VaultEntry]
    public var resources: [ProtectedResource]
    public var jobs: [DemoJob]
    public var pendingJobIds: [String]
    public var jobsByToken: [String: String]
    public var plans: [DemoBackupPlan]
    public var keyInstant: Date?
    public var keyOrdinal: Int

    public init(
        accountId: String, region: String, vaults: [VaultEntry], resources: [ProtectedResource], jobs: [DemoJob],
        pendingJobIds: [String], jobsByToken: [String: String], plans: [DemoBackupPlan], keyInstant: Date?,
        keyOrdinal: Int
    ) {
        self.accountId = accountId
        self.region = region
        self.vaults = vaults
        self.resources = resources
        self.jobs = jobs
        self.pendingJobIds = pendingJobIds
        self.jobsByToken = jobsByToken
        self.plans = plans
        self.keyInstant = keyInstant
        self.keyOrdinal = keyOrdinal
    }
}

extension DemoBackend {
    /// What the backend holds now.
    public func snapshot() -> DemoBackendSnapshot {
        exclusively {
            DemoBackendSnapshot(
                accountId: accountId, region: region,
                vaults: holdings.keys.sorted().compactMap { name in
                    holdings[name].map {
                        .init(
                            vault: $0.vault, creatorRequestId: $0.creatorRequestId, accessPolicy: $0.accessPolicy,
                            notificationTopicArn: $0.notificationTopicArn, notificationEvents: $0.notificationEvents,
                            points: $0.points)
                    }
                },
                resources: resources.keys.sorted().compactMap { resources[$0] },
                jobs: jobOrder.compactMap { jobs[$0] }, pendingJobIds: pendingJobIds, jobsByToken: jobsByToken,
                plans: planOrder.compactMap { plans[$0] }, keyInstant: keyInstant, keyOrdinal: keyOrdinal)
        }
    }

    /// A backend holding what `snapshot` held.
    public convenience init(restoring snapshot: DemoBackendSnapshot, guardrail: DemoGuardrail) {
        self.init(accountId: snapshot.accountId, region: snapshot.region, guardrail: guardrail)
        for entry in snapshot.vaults {
            var holding = DemoVaultHoldings(vault: entry.vault, creatorRequestId: entry.creatorRequestId)
            holding.accessPolicy = entry.accessPolicy
            holding.notificationTopicArn = entry.notificationTopicArn
            holding.notificationEvents = entry.notificationEvents
            for point in entry.points { holding.put(point) }
            holdings[entry.vault.name] = holding
        }
        for resource in snapshot.resources { resources[resource.arn] = resource }
        for job in snapshot.jobs {
            jobs[job.id] = job
            jobOrder.append(job.id)
        }
        pendingJobIds = snapshot.pendingJobIds
        jobsByToken = snapshot.jobsByToken
        for plan in snapshot.plans {
            plans[plan.id] = plan
            planOrder.append(plan.id)
        }
        keyInstant = snapshot.keyInstant
        keyOrdinal = snapshot.keyOrdinal
    }
}
