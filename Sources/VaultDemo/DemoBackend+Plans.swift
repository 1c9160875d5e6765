import Foundation
import VaultCore

extension DemoBackend {
    /// `CreateBackupPlan`. `document` is the `BackupPlan` structure as JSON text; the same
    /// `creatorRequestId` answers the plan it created before.
    public func createBackupPlan(
        named name: String, document: String, creatorRequestId: String? = nil,
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<DemoBackupPlan, BackupServiceError> {
        perform("CreateBackupPlan", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            if let creatorRequestId, let known = plans.values.first(where: { $0.creatorRequestId == creatorRequestId }) {
                return known
            }
            guard !name.isEmpty, name.utf8.count <= 50 else {
                throw .invalidParameterValue("Invalid backup plan name \(name): use 1–50 characters.")
            }
            guard !plans.values.contains(where: { $0.name == name }) else {
                throw .alreadyExists("Backup plan with the same name already exists: \(name).")
            }
            let key = nextKey(at: now)
            let id = DemoIds.uuid(["backup-plan", accountId, key, name])
            let plan = DemoBackupPlan(
                id: id, arn: "arn:aws:backup:\(region):\(accountId):backup-plan:\(id)", name: name,
                versionId: DemoIds.hexDigits(32, ["backup-plan-version", id, key]), creatorRequestId: creatorRequestId,
                creationDate: now, document: document)
            plans[id] = plan
            planOrder.append(id)
            return plan
        }
    }

    /// `GetBackupPlan`.
    public func getBackupPlan(
        id: String, by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<DemoBackupPlan, BackupServiceError> {
        perform("GetBackupPlan", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            guard let plan = plans[id] else {
                throw .resourceNotFound("Backup plan \(id) does not exist in account \(accountId).")
            }
            return plan
        }
    }

    /// `ListBackupPlans`, in the order they were created.
    public func listBackupPlans(
        by principal: Principal, from origin: CallOrigin = .cli, at now: Date
    ) -> Result<[DemoBackupPlan], BackupServiceError> {
        perform("ListBackupPlans", by: principal, from: origin, at: now) { () throws(BackupServiceError) in
            planOrder.compactMap { plans[$0] }
        }
    }
}
