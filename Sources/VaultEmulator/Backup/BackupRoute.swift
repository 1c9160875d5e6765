/// The AWS Backup operations the emulator serves, and the route of each as botocore's model
/// gives it (`requestUri`). A trailing slash is significant: `GET /backup-vaults/` lists,
/// `GET /backup-vaults/{name}` describes; `PUT /backup-jobs` starts a job, `GET /backup-jobs/` lists.
enum BackupOperation: String, CaseIterable, Sendable {
    case createBackupVault = "CreateBackupVault"
    case describeBackupVault = "DescribeBackupVault"
    case listBackupVaults = "ListBackupVaults"
    case deleteBackupVault = "DeleteBackupVault"
    case putBackupVaultLockConfiguration = "PutBackupVaultLockConfiguration"
    case deleteBackupVaultLockConfiguration = "DeleteBackupVaultLockConfiguration"
    case putBackupVaultAccessPolicy = "PutBackupVaultAccessPolicy"
    case getBackupVaultAccessPolicy = "GetBackupVaultAccessPolicy"
    case deleteBackupVaultAccessPolicy = "DeleteBackupVaultAccessPolicy"
    case putBackupVaultNotifications = "PutBackupVaultNotifications"
    case getBackupVaultNotifications = "GetBackupVaultNotifications"
    case deleteBackupVaultNotifications = "DeleteBackupVaultNotifications"
    case startBackupJob = "StartBackupJob"
    case describeBackupJob = "DescribeBackupJob"
    case listBackupJobs = "ListBackupJobs"
    case startCopyJob = "StartCopyJob"
    case describeCopyJob = "DescribeCopyJob"
    case listCopyJobs = "ListCopyJobs"
    case listRecoveryPointsByBackupVault = "ListRecoveryPointsByBackupVault"
    case describeRecoveryPoint = "DescribeRecoveryPoint"
    case updateRecoveryPointLifecycle = "UpdateRecoveryPointLifecycle"
    case deleteRecoveryPoint = "DeleteRecoveryPoint"
    case createBackupPlan = "CreateBackupPlan"
    case getBackupPlan = "GetBackupPlan"
    case listBackupPlans = "ListBackupPlans"
    case listProtectedResources = "ListProtectedResources"
    case startRestoreJob = "StartRestoreJob"

    var route: (method: String, template: String) {
        switch self {
        case .createBackupVault: return ("PUT", "/backup-vaults/{backupVaultName}")
        case .describeBackupVault: return ("GET", "/backup-vaults/{backupVaultName}")
        case .listBackupVaults: return ("GET", "/backup-vaults/")
        case .deleteBackupVault: return ("DELETE", "/backup-vaults/{backupVaultName}")
        case .putBackupVaultLockConfiguration: return ("PUT", "/backup-vaults/{backupVaultName}/vault-lock")
        case .deleteBackupVaultLockConfiguration: return ("DELETE", "/backup-vaults/{backupVaultName}/vault-lock")
        case .putBackupVaultAccessPolicy: return ("PUT", "/backup-vaults/{backupVaultName}/access-policy")
        case .getBackupVaultAccessPolicy: return ("GET", "/backup-vaults/{backupVaultName}/access-policy")
        case .deleteBackupVaultAccessPolicy: return ("DELETE", "/backup-vaults/{backupVaultName}/access-policy")
        case .putBackupVaultNotifications: return ("PUT", "/backup-vaults/{backupVaultName}/notification-configuration")
        case .getBackupVaultNotifications: return ("GET", "/backup-vaults/{backupVaultName}/notification-configuration")
        case .deleteBackupVaultNotifications:
            return ("DELETE", "/backup-vaults/{backupVaultName}/notification-configuration")
        case .startBackupJob: return ("PUT", "/backup-jobs")
        case .describeBackupJob: return ("GET", "/backup-jobs/{backupJobId}")
        case .listBackupJobs: return ("GET", "/backup-jobs/")
        case .startCopyJob: return ("PUT", "/copy-jobs")
        case .describeCopyJob: return ("GET", "/copy-jobs/{copyJobId}")
        case .listCopyJobs: return ("GET", "/copy-jobs/")
        case .listRecoveryPointsByBackupVault: return ("GET", "/backup-vaults/{backupVaultName}/recovery-points/")
        case .describeRecoveryPoint:
            return ("GET", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}")
        case .updateRecoveryPointLifecycle:
            return ("POST", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}")
        case .deleteRecoveryPoint:
            return ("DELETE", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}")
        case .createBackupPlan: return ("PUT", "/backup/plans/")
        case .getBackupPlan: return ("GET", "/backup/plans/{backupPlanId}/")
        case .listBackupPlans: return ("GET", "/backup/plans/")
        case .listProtectedResources: return ("GET", "/resources/")
        case .startRestoreJob: return ("PUT", "/restore-jobs")
        }
    }
}

/// A request matched to an operation, with its path labels decoded.
struct BackupRouteMatch {
    var operation: BackupOperation
    var labels: [String: String]
}

/// Matches raw paths against every operation's template, segment by segment.
struct BackupRouter: Sendable {
    private let table: [(operation: BackupOperation, method: String, segments: [Substring])]

    init() {
        table = BackupOperation.allCases.map { operation in
            (operation, operation.route.method, RawPath(operation.route.template).segments)
        }
    }

    enum Outcome {
        case matched(BackupRouteMatch)
        /// The path is known but not with this method.
        case wrongMethod
        case unknown
        /// A label that does not decode (a broken `%` escape).
        case badLabel(String)
    }

    func match(method: String, path: String) -> Outcome {
        let segments = RawPath(path).segments
        var pathKnown = false
        for entry in table where entry.segments.count == segments.count {
            var labels: [String: String] = [:]
            var fits = true
            var broken: String?
            for (pattern, segment) in zip(entry.segments, segments) {
                if pattern.hasPrefix("{") {
                    guard !segment.isEmpty else {
                        fits = false
                        break
                    }
                    guard let value = RawPath.decode(segment) else {
                        broken = String(pattern.dropFirst().dropLast())
                        break
                    }
                    labels[String(pattern.dropFirst().dropLast())] = value
                } else if pattern != segment {
                    fits = false
                    break
                }
            }
            guard fits else { continue }
            if let broken { return .badLabel(broken) }
            pathKnown = true
            if entry.method == method { return .matched(BackupRouteMatch(operation: entry.operation, labels: labels)) }
        }
        return pathKnown ? .wrongMethod : .unknown
    }
}

/// The router's answer for tools and tests: which AWS Backup operation a method and raw path reach.
public enum EmulatorRoutes {
    public static func operation(method: String, path: String) -> String? {
        if case .matched(let match) = BackupRouter().match(method: method, path: path) { return match.operation.rawValue }
        return nil
    }
}
