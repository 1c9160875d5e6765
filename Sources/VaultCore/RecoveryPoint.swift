import Foundation

/// One backup held in a vault (`ListRecoveryPointsByBackupVault`).
public struct RecoveryPoint: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case completed = "COMPLETED", partial = "PARTIAL", deleting = "DELETING", expired = "EXPIRED"
        case available = "AVAILABLE", stopped = "STOPPED", creating = "CREATING"
    }

    public enum StorageClass: String, Codable, Sendable {
        case warm = "WARM", cold = "COLD", deleted = "DELETED"
    }

    public var arn: String
    public var vaultName: String
    /// The account and region of the vault that holds the point (`BackupVaultArn`'s). Empty in a
    /// record written before stores held several accounts: see `VaultKey.legacy`.
    public var accountId: String
    public var region: String
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

    /// The vault that holds the point.
    public var vaultKey: VaultKey { VaultKey(accountId: accountId, region: region, name: vaultName) }

    public init(
        arn: String, vaultName: String, accountId: String = "", region: String = "", resourceArn: String,
        resourceType: String,
        resourceName: String? = nil, status: Status = .completed, creationDate: Date,
        completionDate: Date? = nil, sizeBytes: Int64 = 0, lifecycle: Lifecycle = Lifecycle(),
        storageClass: StorageClass = .warm, isEncrypted: Bool = true, iamRoleArn: String? = nil
    ) {
        self.arn = arn
        self.vaultName = vaultName
        self.accountId = accountId
        self.region = region
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

extension RecoveryPoint {
    private enum CodingKeys: String, CodingKey {
        case arn, vaultName, accountId, region, resourceArn, resourceType, resourceName, status, creationDate
        case completionDate, sizeBytes, lifecycle, storageClass, isEncrypted, iamRoleArn
    }

    /// A line written before schema 3 has no `accountId` or `region`: it reads as a legacy point,
    /// which the account state gives to the one vault of its name.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            arn: try c.decode(String.self, forKey: .arn), vaultName: try c.decode(String.self, forKey: .vaultName),
            accountId: try c.decodeIfPresent(String.self, forKey: .accountId) ?? "",
            region: try c.decodeIfPresent(String.self, forKey: .region) ?? "",
            resourceArn: try c.decode(String.self, forKey: .resourceArn),
            resourceType: try c.decode(String.self, forKey: .resourceType),
            resourceName: try c.decodeIfPresent(String.self, forKey: .resourceName),
            status: try c.decode(Status.self, forKey: .status),
            creationDate: try c.decode(Date.self, forKey: .creationDate),
            completionDate: try c.decodeIfPresent(Date.self, forKey: .completionDate),
            sizeBytes: try c.decode(Int64.self, forKey: .sizeBytes), lifecycle: try c.decode(Lifecycle.self, forKey: .lifecycle),
            storageClass: try c.decode(StorageClass.self, forKey: .storageClass),
            isEncrypted: try c.decode(Bool.self, forKey: .isEncrypted),
            iamRoleArn: try c.decodeIfPresent(String.self, forKey: .iamRoleArn))
    }

    /// An empty account or region (a legacy point) is left out, as it was before schema 3.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(arn, forKey: .arn)
        try c.encode(vaultName, forKey: .vaultName)
        if !accountId.isEmpty { try c.encode(accountId, forKey: .accountId) }
        if !region.isEmpty { try c.encode(region, forKey: .region) }
        try c.encode(resourceArn, forKey: .resourceArn)
        try c.encode(resourceType, forKey: .resourceType)
        try c.encodeIfPresent(resourceName, forKey: .resourceName)
        try c.encode(status, forKey: .status)
        try c.encode(creationDate, forKey: .creationDate)
        try c.encodeIfPresent(completionDate, forKey: .completionDate)
        try c.encode(sizeBytes, forKey: .sizeBytes)
        try c.encode(lifecycle, forKey: .lifecycle)
        try c.encode(storageClass, forKey: .storageClass)
        try c.encode(isEncrypted, forKey: .isEncrypted)
        try c.encodeIfPresent(iamRoleArn, forKey: .iamRoleArn)
    }
}
