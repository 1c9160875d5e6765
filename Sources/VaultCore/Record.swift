import Foundation

/// One fact the store keeps. Sources produce records, the store appends them as lines, and the
/// account state is what you get by applying them in order. Nothing is edited in place: a new
/// snapshot of a vault or point supersedes the old one, and an acknowledgement is its own record.
public enum Record: Equatable, Sendable {
    case vault(Vault)
    case vaultRemoved(VaultKey, at: Date)
    case recoveryPoint(RecoveryPoint)
    case recoveryPointRemoved(arn: String, vault: VaultKey, at: Date)
    case job(BackupJob)
    case call(ApiCall)
    case alert(Alert)
    case acknowledgement(Acknowledgement)
    case sync(SyncStatus)
    /// A vault access policy, an SCP, an alert rule or a backup plan as last observed.
    case policy(GuardrailPolicy)
    /// Where an account sits in its organization, with the SCPs of each level.
    case organization(OrganizationPath)

    /// The record type written on each line.
    public var type: RecordType {
        switch self {
        case .vault: return .vault
        case .vaultRemoved: return .vaultRemoved
        case .recoveryPoint: return .recoveryPoint
        case .recoveryPointRemoved: return .recoveryPointRemoved
        case .job: return .job
        case .call: return .call
        case .alert: return .alert
        case .acknowledgement: return .acknowledgement
        case .sync: return .sync
        case .policy: return .policy
        case .organization: return .organization
        }
    }
}

public enum RecordType: String, Codable, Sendable, CaseIterable {
    case vault, vaultRemoved = "vault-removed", recoveryPoint = "recovery-point"
    case recoveryPointRemoved = "recovery-point-removed", job, call, alert
    case acknowledgement, sync, policy, organization
}
