import Foundation
import VaultCore

/// What the store holds of one account and region, as far as its AWS source knows: what it last
/// wrote (or found when it started), so a poll writes only what changed. Points are kept as a
/// fingerprint per ARN, not whole: enough to tell a changed point from an unchanged one.
struct KnownAccount: Sendable {
    var vaults: [VaultKey: Vault] = [:]
    /// Vault → point ARN → fingerprint of the point as last written.
    var points: [VaultKey: [String: Int]] = [:]
    /// Vault → the newest creation date of its points: where an incremental listing starts.
    var newestPoint: [VaultKey: Date] = [:]
    /// Job id → fingerprint of the job as last written.
    var jobs: [String: Int] = [:]
    var accessPolicies: [VaultKey: String?] = [:]
    var organization: OrganizationPath?
    var scps: [String: String?] = [:]
    var rules: [String: String] = [:]
    var plans: [String: String] = [:]
    /// What the last whole read could not read (notifications, keys, policies, the organization,
    /// rules, plans), said again by every poll until the next whole read.
    var wholeReadNotes: [String] = []

    init() {}

    /// What `state` holds of `accountId` in `region`.
    init(_ state: AccountState, accountId: String, region: String) {
        for (key, vault) in state.vaults where key.accountId == accountId && key.region == region {
            vaults[key] = vault
            let list = state.points(in: key)
            var prints: [String: Int] = [:]
            prints.reserveCapacity(list.count)
            for point in list { prints[point.arn] = point.hashValue }
            points[key] = prints
            newestPoint[key] = list.newestCreation
        }
        for job in state.jobs where job.accountId == accountId && job.region == region { jobs[job.id] = job.hashValue }
        for (key, policy) in state.accessPolicies where key.accountId == accountId && key.region == region {
            accessPolicies[key] = policy.document
        }
        organization = state.organizationPaths[accountId]
        for policy in state.serviceControlPolicies.values { scps[policy.policyId ?? policy.name] = policy.document }
        // A rule or plan stored without a document is one that was seen to go: not known.
        for rule in state.eventRules.values where rule.accountId == accountId && rule.region == region {
            if let document = rule.document { rules[rule.name] = document }
        }
        for plan in state.backupPlans.values where plan.accountId == accountId && plan.region == region {
            if let document = plan.document { plans[plan.name] = document }
        }
    }

    /// The newest job already known, where the job listing of a restarted source starts.
    func newestJob(in state: AccountState, accountId: String, region: String) -> Date? {
        state.jobs.lazy.filter { $0.accountId == accountId && $0.region == region }.map(\.creationDate).max()
    }
}
