import Foundation

/// One backup held in a vault (`ListRecoveryPointsByBackupVault`).
public struct RecoveryPoint: Codable, Equatable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case completed = "COMPLETED", partial = "PARTIAL", deleting = "DELETING", expired = "EXPIRED"
        case available = "AVAILABLE", stopped = "STOPPED", creating = "CREATING"
    }

    public enum StorageClass: String, Codable, Sendable {
        case warm = "WARM", cold = "COLD", deleted = "DELETED"
    }

    public var arn: String
    public var vaultName: String
    public var resourceArn: String
    /// `EC2`, `RDS`, `EFS`, `DynamoDB`, `S3`, …
    public var resourceType: String
    public var resourceName: String?
    public var status: Status
    public var creationDate: Date
    public var completionDate: Date?
    public var sizeBytes: Int64
    public var lifecycle: Lifecycle
    public var storageClass: StorageClass
    public var isEncrypted: Bool
    public var iamRoleArn: String?

    public var id: String { arn }

    public init(
        arn: String, vaultName: String, resourceArn: String, resourceType: String,
        resourceName: String? = nil, status: Status = .completed, creationDate: Date,
        completionDate: Date? = nil, sizeBytes: Int64 = 0, lifecycle: Lifecycle = Lifecycle(),
        storageClass: StorageClass = .warm, isEncrypted: Bool = true, iamRoleArn: String? = nil
    ) {
        self.arn = arn
        self.vaultName = vaultName
        self.resourceArn = resourceArn
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.status = status
        self.creationDate = creationDate
        self.completionDate = completionDate
        self.sizeBytes = sizeBytes
        self.lifecycle = lifecycle
        self.storageClass = storageClass
        self.isEncrypted = isEncrypted
        self.iamRoleArn = iamRoleArn
    }

    /// `CalculatedLifecycle.DeleteAt`: creation plus DeleteAfterDays; nil when kept forever.
    public var deleteAt: Date? {
        lifecycle.deleteAfterDays.map { creationDate.addingTimeInterval(TimeInterval($0) * 86_400) }
    }

    /// `CalculatedLifecycle.MoveToColdStorageAt`.
    public var moveToColdStorageAt: Date? {
        lifecycle.moveToColdStorageAfterDays.map { creationDate.addingTimeInterval(TimeInterval($0) * 86_400) }
    }

    /// Whether the point has reached the end of its retention at `now`.
    public func isExpired(at now: Date) -> Bool {
        if status == .expired { return true }
        guard let deleteAt else { return false }
        return now >= deleteAt
    }

    /// The account the backed-up resource lives in, read from its ARN
    /// (`arn:aws:rds:eu-west-1:444455556666:db:orders` → `444455556666`).
    public var sourceAccount: String? { ARN(resourceArn)?.account }
}
