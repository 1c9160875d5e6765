import Foundation
import VaultCore

extension DemoBackend {
    /// `DescribeRecoveryPoint`.
    public func describeRecoveryPoint(
        backupVaultName: String, recoveryPointArn: String,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<RecoveryPoint, BackupServiceError> {
        perform(
            "DescribeRecoveryPoint", by: principal, from: origin, at: now, vault: backupVaultName,
            point: recoveryPointArn
        ) { () throws(BackupServiceError) in
            try requirePoint(recoveryPointArn, in: try requireVault(backupVaultName))
        }
    }

    /// `DescribeBackupJob`.
    public func describeBackupJob(
        id: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<DemoJob, BackupServiceError> {
        perform("DescribeBackupJob", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            try requireJob(id, copy: false)
        }
    }

    /// `DescribeCopyJob`.
    public func describeCopyJob(
        id: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<DemoJob, BackupServiceError> {
        perform("DescribeCopyJob", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            try requireJob(id, copy: true)
        }
    }

    /// `ListBackupJobs`, in the order the jobs started.
    public func listBackupJobs(
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[DemoJob], BackupServiceError> {
        perform("ListBackupJobs", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            jobOrder.compactMap { jobs[$0] }.filter { !$0.isCopy }
        }
    }

    /// `ListCopyJobs`, in the order the jobs started.
    public func listCopyJobs(
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[DemoJob], BackupServiceError> {
        perform("ListCopyJobs", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            jobOrder.compactMap { jobs[$0] }.filter(\.isCopy)
        }
    }

    /// `ListProtectedResources`: each resource with a recovery point in a vault of this account,
    /// with its newest point, in the order resources were first backed up.
    public func listProtectedResources(
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[ProtectedResourceSummary], BackupServiceError> {
        perform("ListProtectedResources", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            var order: [String] = []
            var newest: [String: ProtectedResourceSummary] = [:]
            for name in holdings.keys.sorted() {
                guard let holding = holdings[name] else { continue }
                for point in holding.points {
                    if let known = newest[point.resourceArn], known.lastBackupTime >= point.creationDate { continue }
                    if newest[point.resourceArn] == nil { order.append(point.resourceArn) }
                    newest[point.resourceArn] = ProtectedResourceSummary(
                        resourceArn: point.resourceArn, resourceType: point.resourceType,
                        resourceName: point.resourceName, lastBackupTime: point.creationDate,
                        lastBackupVaultArn: holding.vault.arn, lastRecoveryPointArn: point.arn)
                }
            }
            return order.compactMap { newest[$0] }
        }
    }

    func requireJob(_ id: String, copy: Bool) throws(BackupServiceError) -> DemoJob {
        guard let job = jobs[id], job.isCopy == copy else {
            throw .resourceNotFound("\(copy ? "Copy" : "Backup") job \(id) does not exist in account \(accountId).")
        }
        return job
    }
}

/// One entry of `ListProtectedResources`.
public struct ProtectedResourceSummary: Equatable, Sendable {
    public var resourceArn: String
    public var resourceType: String
    public var resourceName: String?
    public var lastBackupTime: Date
    public var lastBackupVaultArn: String
    public var lastRecoveryPointArn: String
}

extension DemoBackend {
    /// A job as the backend keeps it, without a call (the answer to a call that started it).
    public func snapshotJob(_ id: String) -> DemoJob? { exclusively { jobs[id] } }
}
