import Foundation

/// AWS Backup's answers as its service model shapes them (REST-JSON; timestamps are epoch seconds).
/// Only what vaultwatch reads is declared; every other member is ignored.
enum BackupWire {
    struct VaultList: Decodable {
        var BackupVaultList: [Vault]?
        var NextToken: String?
    }

    /// A `BackupVaultListMember`, and also `DescribeBackupVault`'s answer.
    struct Vault: Decodable {
        var BackupVaultName: String
        var BackupVaultArn: String
        var VaultType: String?
        var VaultState: String?
        var CreationDate: Date?
        var EncryptionKeyArn: String?
        var EncryptionKeyType: String?
        var NumberOfRecoveryPoints: Int?
        var Locked: Bool?
        var MinRetentionDays: Int?
        var MaxRetentionDays: Int?
        var LockDate: Date?
    }

    struct RecoveryPointList: Decodable {
        var RecoveryPoints: [RecoveryPoint]?
        var NextToken: String?
    }

    struct Lifecycle: Decodable {
        var MoveToColdStorageAfterDays: Int?
        var DeleteAfterDays: Int?
    }

    struct CalculatedLifecycle: Decodable {
        var MoveToColdStorageAt: Date?
        var DeleteAt: Date?
    }

    struct RecoveryPoint: Decodable {
        var RecoveryPointArn: String
        var BackupVaultName: String?
        var BackupVaultArn: String?
        var ResourceArn: String?
        var ResourceType: String?
        var ResourceName: String?
        var IamRoleArn: String?
        var Status: String?
        var CreationDate: Date?
        var CompletionDate: Date?
        var BackupSizeInBytes: Int64?
        var Lifecycle: Lifecycle?
        var CalculatedLifecycle: CalculatedLifecycle?
        var IsEncrypted: Bool?
    }

    struct AccessPolicy: Decodable {
        var Policy: String?
    }

    struct Notifications: Decodable {
        var SNSTopicArn: String?
        var BackupVaultEvents: [String]?
    }

    struct BackupJobList: Decodable {
        var BackupJobs: [BackupJob]?
        var NextToken: String?
    }

    struct BackupJob: Decodable {
        var BackupJobId: String
        var AccountId: String?
        var BackupVaultName: String?
        var BackupVaultArn: String?
        var RecoveryPointArn: String?
        var RecoveryPointLifecycle: Lifecycle?
        var ResourceArn: String?
        var ResourceType: String?
        var CreationDate: Date?
        var State: String?
        var StatusMessage: String?
    }

    struct CopyJobList: Decodable {
        var CopyJobs: [CopyJob]?
        var NextToken: String?
    }

    struct CopyJob: Decodable {
        var CopyJobId: String
        var AccountId: String?
        var SourceBackupVaultArn: String?
        var DestinationBackupVaultArn: String?
        var DestinationRecoveryPointArn: String?
        var DestinationRecoveryPointLifecycle: Lifecycle?
        var ResourceArn: String?
        var ResourceType: String?
        var CreationDate: Date?
        var State: String?
        var StatusMessage: String?
    }

    struct PlanList: Decodable {
        var BackupPlansList: [PlanMember]?
        var NextToken: String?
    }

    struct PlanMember: Decodable {
        var BackupPlanId: String
        var BackupPlanName: String?
        var VersionId: String?
    }
}
