import Foundation
import VaultCore
import VaultDemo

extension BackupService {
    func plans(_ call: BackupCall) throws(ServiceError) -> Data {
        let (principal, origin, now) = (call.principal, call.origin, call.now)
        switch call.operation {
        case .createBackupPlan:
            guard var plan = call.body["BackupPlan"] as? [String: Any] else { throw .missingParameter("BackupPlan") }
            guard let name = plan["BackupPlanName"] as? String else { throw .missingParameter("BackupPlan.BackupPlanName") }
            guard let rules = plan["Rules"] as? [[String: Any]] else { throw .missingParameter("BackupPlan.Rules") }
            var identified: [[String: Any]] = []
            for var rule in rules {
                guard rule["RuleName"] is String else { throw .missingParameter("BackupPlan.Rules.RuleName") }
                guard rule["TargetBackupVaultName"] is String else {
                    throw .missingParameter("BackupPlan.Rules.TargetBackupVaultName")
                }
                rule["RuleId"] = UUID().uuidString.lowercased()
                identified.append(rule)
            }
            plan["Rules"] = identified
            guard let document = try? JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys]),
                let text = String(data: document, encoding: .utf8)
            else { throw .invalidParameter("BackupPlan cannot be read as JSON.") }
            let created = try answer(
                backend.createBackupPlan(
                    named: name, document: text, creatorRequestId: try call.string("CreatorRequestId"), by: principal,
                    from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupPlanId", created.id)
            out.add("BackupPlanArn", created.arn)
            out.add("CreationDate", date: created.creationDate)
            out.add("VersionId", created.versionId)
            return out.data
        case .getBackupPlan:
            let plan = try answer(backend.getBackupPlan(id: call.label("backupPlanId"), by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupPlan", json: Data(plan.document.utf8))
            out.add("BackupPlanId", plan.id)
            out.add("BackupPlanArn", plan.arn)
            out.add("VersionId", plan.versionId)
            out.add("CreatorRequestId", plan.creatorRequestId)
            out.add("CreationDate", date: plan.creationDate)
            return out.data
        case .listBackupPlans:
            let limit = try call.maxResults()
            let plans = try answer(backend.listBackupPlans(by: principal, from: origin, at: now))
            let page = try PageToken.page(plans, token: call.query["nextToken"], scope: "plans", limit: limit)
            var out = JSONWriter()
            out.add("NextToken", page.next)
            out.add("BackupPlansList", objects: page.items.map(BackupShapes.planListMember))
            return out.data
        default:
            preconditionFailure("\(call.operation) is not a plan operation")
        }
    }
}
