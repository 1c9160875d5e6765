/// The IAM actions of AWS Backup (service prefix `backup`), to catch a mistyped action before it is judged:
/// an action no policy can name is not a question IAM answers.
public enum BackupActions {
    /// The operations of the AWS Backup API model (botocore `backup` 2018-11-15, 108 operations), each an
    /// IAM action of the same name.
    static let apiOperations: [String] = [
        "AssociateBackupVaultMpaApprovalTeam", "CancelLegalHold", "CreateBackupPlan", "CreateBackupSelection",
        "CreateBackupVault", "CreateFramework", "CreateLegalHold", "CreateLogicallyAirGappedBackupVault",
        "CreateReportPlan", "CreateRestoreAccessBackupVault", "CreateRestoreTestingPlan",
        "CreateRestoreTestingSelection", "CreateTieringConfiguration", "DeleteBackupPlan", "DeleteBackupSelection",
        "DeleteBackupVault", "DeleteBackupVaultAccessPolicy", "DeleteBackupVaultLockConfiguration",
        "DeleteBackupVaultNotifications", "DeleteFramework", "DeleteRecoveryPoint", "DeleteReportPlan",
        "DeleteRestoreTestingPlan", "DeleteRestoreTestingSelection", "DeleteTieringConfiguration", "DescribeBackupJob",
        "DescribeBackupVault", "DescribeCopyJob", "DescribeFramework", "DescribeGlobalSettings",
        "DescribeProtectedResource", "DescribeRecoveryPoint", "DescribeRegionSettings", "DescribeReportJob",
        "DescribeReportPlan", "DescribeRestoreJob", "DescribeScanJob", "DisassociateBackupVaultMpaApprovalTeam",
        "DisassociateRecoveryPoint", "DisassociateRecoveryPointFromParent", "ExportBackupPlanTemplate", "GetBackupPlan",
        "GetBackupPlanFromJSON", "GetBackupPlanFromTemplate", "GetBackupSelection", "GetBackupVaultAccessPolicy",
        "GetBackupVaultNotifications", "GetLegalHold", "GetRecoveryPointIndexDetails",
        "GetRecoveryPointRestoreMetadata", "GetRestoreJobMetadata", "GetRestoreTestingInferredMetadata",
        "GetRestoreTestingPlan", "GetRestoreTestingSelection", "GetSupportedResourceTypes", "GetTieringConfiguration",
        "ListBackupJobSummaries", "ListBackupJobs", "ListBackupPlanTemplates", "ListBackupPlanVersions",
        "ListBackupPlans", "ListBackupSelections", "ListBackupVaults", "ListCopyJobSummaries", "ListCopyJobs",
        "ListFrameworks", "ListIndexedRecoveryPoints", "ListLegalHolds", "ListProtectedResources",
        "ListProtectedResourcesByBackupVault", "ListRecoveryPointsByBackupVault", "ListRecoveryPointsByLegalHold",
        "ListRecoveryPointsByResource", "ListReportJobs", "ListReportPlans", "ListRestoreAccessBackupVaults",
        "ListRestoreJobSummaries", "ListRestoreJobs", "ListRestoreJobsByProtectedResource", "ListRestoreTestingPlans",
        "ListRestoreTestingSelections", "ListScanJobSummaries", "ListScanJobs", "ListTags", "ListTieringConfigurations",
        "PutBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration", "PutBackupVaultNotifications",
        "PutRestoreValidationResult", "RevokeRestoreAccessBackupVault", "StartBackupJob", "StartCopyJob",
        "StartReportJob", "StartRestoreJob", "StartScanJob", "StopBackupJob", "TagResource", "UntagResource",
        "UpdateBackupPlan", "UpdateFramework", "UpdateGlobalSettings", "UpdateRecoveryPointIndexSettings",
        "UpdateRecoveryPointLifecycle", "UpdateRegionSettings", "UpdateReportPlan", "UpdateRestoreTestingPlan",
        "UpdateRestoreTestingSelection", "UpdateTieringConfiguration"
    ]

    /// Actions the Service Authorization Reference lists for AWS Backup that no API operation has
    /// ("[permission only]").
    static let permissionOnly = ["CopyFromBackupVault", "CopyIntoBackupVault"]

    /// Every action name, as the Service Authorization Reference spells it.
    public static let all = (apiOperations + permissionOnly).sorted()

    private static let byFoldedName = Dictionary(uniqueKeysWithValues: all.map { ($0.lowercased(), $0) })

    /// The action as AWS spells it, for a name given with or without `backup:`, in any case (IAM action
    /// names are case-insensitive); `nil` when AWS Backup has no such action.
    public static func canonical(_ name: String) -> String? {
        byFoldedName[bare(name).lowercased()]
    }

    /// The closest action to a mistyped `name`, when one is close enough to be what was meant.
    public static func suggestion(for name: String) -> String? {
        let wanted = Array(bare(name).lowercased().utf8)
        guard !wanted.isEmpty else { return nil }
        let scored = all.map { ($0, distance(wanted, Array($0.lowercased().utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, wanted.count / 3) ? best.0 : nil
    }

    /// Why `name` is refused: no such action, and what was probably meant.
    public static func unknownActionMessage(_ name: String) -> String {
        let hint = suggestion(for: name).map { "; did you mean backup:\($0)?" } ?? ""
        return "AWS Backup has no action \"\(name)\"\(hint)"
    }

    static func bare(_ name: String) -> Substring {
        name.lowercased().hasPrefix("backup:") ? name.dropFirst("backup:".count) : Substring(name)
    }

    /// Levenshtein distance between two byte strings.
    private static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
