import Foundation
import VaultCore

/// A backup or copy job as the service keeps it: the job the store records (`BackupJob`), and what
/// `DescribeBackupJob`/`DescribeCopyJob` tell besides — the role, the size, where a copy came
/// from and went, and when a running job settles.
public struct DemoJob: Codable, Equatable, Sendable {
    public var job: BackupJob
    public var iamRoleArn: String
    public var sizeBytes: Int64
    public var resourceName: String?
    /// The vault the job writes into (a copy's destination), which may be in another account.
    public var destinationVaultArn: String
    /// A copy's source: the recovery point and the vault holding it.
    public var sourceRecoveryPointArn: String?
    public var sourceBackupVaultArn: String?
    /// The ARN the new recovery point gets (or would have got).
    public var plannedRecoveryPointArn: String?
    /// When a running job completes or fails; nil once it has.
    public var settlesAt: Date?
    public var completionDate: Date?

    public var id: String { job.id }
    public var isCopy: Bool { job.kind == .copy }
}
