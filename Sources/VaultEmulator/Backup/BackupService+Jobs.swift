import Foundation
import VaultCore
import VaultDemo

extension BackupService {
    func jobs(_ call: BackupCall) throws(ServiceError) -> Data {
        let (principal, origin, now) = (call.principal, call.origin, call.now)
        switch call.operation {
        case .startBackupJob:
            let vaultName = try call.required("BackupVaultName")
            let resourceArn = try call.required("ResourceArn")
            let role = try call.required("IamRoleArn")
            let job = try answer(
                backend.startBackupJob(
                    backupVaultName: vaultName, resourceArn: resourceArn, iamRoleArn: role,
                    lifecycle: try call.lifecycle() ?? Lifecycle(), idempotencyToken: try call.string("IdempotencyToken"),
                    by: principal, from: origin, at: now))
            let entry = backend.exclusively { backend.snapshotJob(job.id) }
            var out = JSONWriter()
            out.add("BackupJobId", job.id)
            out.add("RecoveryPointArn", entry?.plannedRecoveryPointArn)
            out.add("CreationDate", date: job.creationDate)
            out.add("IsParent", false)
            return out.data
        case .describeBackupJob:
            let entry = try answer(
                backend.describeBackupJob(id: call.label("backupJobId"), by: principal, from: origin, at: now))
            return BackupShapes.backupJob(entry, vault: backend.vault(named: entry.job.vaultName)).data
        case .listBackupJobs:
            let limit = try call.maxResults()
            let all = try answer(backend.listBackupJobs(by: principal, from: origin, at: now))
            let chosen = try filter(all, call, vaultName: call.query["backupVaultName"])
            let page = try PageToken.page(chosen, token: call.query["nextToken"], scope: "backup-jobs", limit: limit)
            var out = JSONWriter()
            out.add(
                "BackupJobs",
                objects: page.items.map { BackupShapes.backupJob($0, vault: backend.vault(named: $0.job.vaultName)) })
            out.add("NextToken", page.next)
            return out.data
        case .startCopyJob:
            let id = try answer(
                backend.startCopyJob(
                    recoveryPointArn: try call.required("RecoveryPointArn"),
                    sourceBackupVaultName: try call.required("SourceBackupVaultName"),
                    destinationBackupVaultArn: try call.required("DestinationBackupVaultArn"),
                    iamRoleArn: try call.required("IamRoleArn"), lifecycle: try call.lifecycle(),
                    idempotencyToken: try call.string("IdempotencyToken"), by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("CopyJobId", id)
            out.add("CreationDate", date: backend.exclusively { backend.snapshotJob(id)?.job.creationDate } ?? now)
            out.add("IsParent", false)
            return out.data
        case .startRestoreJob:
            guard call.body["Metadata"] is [String: Any] else { throw .missingParameter("Metadata") }
            let id = try answer(
                backend.startRestoreJob(
                    recoveryPointArn: try call.required("RecoveryPointArn"),
                    iamRoleArn: try call.string("IamRoleArn") ?? "", by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("RestoreJobId", id)
            return out.data
        case .describeCopyJob:
            let entry = try answer(
                backend.describeCopyJob(id: call.label("copyJobId"), by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("CopyJob", object: BackupShapes.copyJob(entry, vault: localVault(of: entry)))
            return out.data
        case .listCopyJobs:
            let limit = try call.maxResults()
            var chosen = try filter(
                try answer(backend.listCopyJobs(by: principal, from: origin, at: now)), call, vaultName: nil)
            if let destination = call.query["destinationVaultArn"] {
                chosen = chosen.filter { $0.destinationVaultArn == destination }
            }
            if let source = call.query["sourceRecoveryPointArn"] {
                chosen = chosen.filter { $0.sourceRecoveryPointArn == source }
            }
            let page = try PageToken.page(chosen, token: call.query["nextToken"], scope: "copy-jobs", limit: limit)
            var out = JSONWriter()
            out.add("CopyJobs", objects: page.items.map { BackupShapes.copyJob($0, vault: localVault(of: $0)) })
            out.add("NextToken", page.next)
            return out.data
        default:
            preconditionFailure("\(call.operation) is not a job operation")
        }
    }

    /// The filters ListBackupJobs and ListCopyJobs share.
    private func filter(_ jobs: [DemoJob], _ call: BackupCall, vaultName: String?) throws(ServiceError) -> [DemoJob] {
        let after = try call.date("createdAfter")
        let before = try call.date("createdBefore")
        let state = call.query["state"]
        let resourceArn = call.query["resourceArn"]
        let resourceType = call.query["resourceType"]
        return jobs.filter { entry in
            let job = entry.job
            return (vaultName.map { job.vaultName == $0 } ?? true) && (state.map { job.state.rawValue == $0 } ?? true)
                && (resourceArn.map { job.resourceArn == $0 } ?? true)
                && (resourceType.map { job.resourceType == $0 } ?? true)
                && (after.map { job.creationDate >= $0 } ?? true) && (before.map { job.creationDate <= $0 } ?? true)
        }
    }

    /// The destination vault when it is one of this account's.
    private func localVault(of entry: DemoJob) -> Vault? {
        backend.vault(named: entry.job.vaultName).flatMap { $0.arn == entry.destinationVaultArn ? $0 : nil }
    }
}
