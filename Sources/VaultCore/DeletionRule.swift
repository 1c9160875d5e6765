import Foundation

extension VaultLockRules {
    /// Whether `principal` could delete `point` from `vault` at `now`, as far as Vault Lock is
    /// concerned. The lock applies to every principal alike, root and the vault admins included;
    /// `principal` only names who asked in the reason. IAM, the vault access policy and SCPs can
    /// refuse a deletion the lock allows; they are judged by the guardrails, not here.
    public static func deleteRecoveryPoint(
        _ point: RecoveryPoint, in vault: Vault, by principal: Principal? = nil, at now: Date
    ) -> Verdict {
        let who = principal.map { $0.kind == .root ? "root" : $0.displayName }
        if point.isExpired(at: now) {
            let when = point.deleteAt.map { " at \(UTC.minute($0))" } ?? ""
            return .allowed(because: "Its retention ended\(when); AWS Backup deletes it.")
        }
        let state = vault.lockState(at: now)
        let expiry: String
        if let deleteAt = point.deleteAt {
            expiry = "before it expires at \(UTC.minute(deleteAt)) (\(Elapsed.until(deleteAt, now: now)))"
        } else {
            expiry = "ever: it has no expiry, so it is kept for good"
        }
        let nobody = who.map { "Nobody, \($0) included," } ?? "Nobody, not even root,"
        switch state {
        case .unlocked:
            return .allowed(
                because: "\(vault.name) has no Vault Lock: only IAM, the vault access policy and SCPs can stop this deletion.")
        case .governance:
            return .refused(
                because: "\(vault.name) is locked in governance mode. \(nobody) can delete it \(expiry), "
                    + "unless someone allowed to remove the lock removes it first.")
        case .complianceGrace(let until):
            return .refused(
                because: "\(vault.name) is locked in compliance mode. \(nobody) can delete it \(expiry). "
                    + "The lock can still be removed until \(UTC.minute(until)); after that, never.")
        case .complianceLocked:
            return .refused(
                because: "\(vault.name) is locked in compliance mode. \(nobody) can delete it \(expiry).")
        }
    }

    /// Whether the lifecycle of `point` (its retention, or when it moves to cold storage) could
    /// be changed to `lifecycle` at `now`. A locked vault refuses every change, as the seed's EFS
    /// example shows.
    public static func updateLifecycle(
        _ point: RecoveryPoint, to lifecycle: Lifecycle, in vault: Vault, at now: Date
    ) -> Verdict {
        let state = vault.lockState(at: now)
        if state.isLocked {
            return .refused(
                because: "\(vault.name) is locked (\(state.word)): nobody can change the retention or cold-storage "
                    + "setting of its recovery points.")
        }
        if point.isExpired(at: now) {
            return .refused(because: "The point has already expired.")
        }
        if case .refused(let why) = lifecycle.validity { return .refused(because: why) }
        if lifecycle.moveToColdStorageAfterDays != nil,
            !RecoveryPoint.coldStorageResourceTypes.contains(point.resourceType)
        {
            return .refused(because: "\(point.resourceType) recovery points cannot move to cold storage.")
        }
        return .allowed(
            because: "\(vault.name) has no Vault Lock: the lifecycle can be changed by anyone IAM allows.")
    }
}

extension RecoveryPoint {
    /// Resource types whose recovery points AWS Backup can transition to cold storage.
    public static let coldStorageResourceTypes: Set<String> = [
        "EFS", "DynamoDB", "Timestream", "SAP HANA on Amazon EC2", "VirtualMachine", "CloudFormation",
    ]
}
