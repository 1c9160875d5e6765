import Foundation
import VaultCore
import VaultDemo

extension BackupService {
    func points(_ call: BackupCall) throws(ServiceError) -> Data {
        let name = call.label("backupVaultName")
        let arn = call.label("recoveryPointArn")
        let (principal, origin, now) = (call.principal, call.origin, call.now)
        switch call.operation {
        case .listRecoveryPointsByBackupVault:
            let limit = try call.maxResults()
            let (vault, listed) = backend.exclusively {
                (
                    backend.vault(named: name),
                    backend.listRecoveryPointsByBackupVault(backupVaultName: name, by: principal, from: origin, at: now)
                )
            }
            let all = try answer(listed)
            guard let vault else { throw ServiceError("ResourceNotFoundException", "Backup vault \(name) does not exist.") }
            let chosen = try filter(all, call)
            let page = try PageToken.page(
                chosen, token: call.query["nextToken"], scope: "recovery-points/\(name)", limit: limit)
            var out = JSONWriter()
            out.reserve(800 * page.items.count + 200)
            out.add("NextToken", page.next)
            let facts = BackupShapes.VaultFacts(vault)
            out.add("RecoveryPoints", each: page.items) { item, point in
                BackupShapes.writeRecoveryPoint(point, of: facts, described: false, into: &item)
            }
            return out.data
        case .describeRecoveryPoint:
            let point = try answer(
                backend.describeRecoveryPoint(
                    backupVaultName: name, recoveryPointArn: arn, by: principal, from: origin, at: now))
            guard let vault = backend.vault(named: name) else {
                throw ServiceError("ResourceNotFoundException", "Backup vault \(name) does not exist.")
            }
            return BackupShapes.recoveryPoint(point, in: vault, described: true).data
        case .updateRecoveryPointLifecycle:
            let point = try answer(
                backend.updateRecoveryPointLifecycle(
                    backupVaultName: name, recoveryPointArn: arn, lifecycle: try call.lifecycle() ?? Lifecycle(),
                    by: principal, from: origin, at: now))
            var out = JSONWriter()
            out.add("BackupVaultArn", backend.vaultArn(name))
            out.add("RecoveryPointArn", point.arn)
            out.add("Lifecycle", object: BackupShapes.lifecycle(point.lifecycle))
            out.add("CalculatedLifecycle", object: BackupShapes.calculatedLifecycle(point))
            return out.data
        case .deleteRecoveryPoint:
            _ = try answer(
                backend.deleteRecoveryPoint(
                    backupVaultName: name, recoveryPointArn: arn, by: principal, from: origin, at: now))
            return Self.empty
        case .listProtectedResources:
            let limit = try call.maxResults()
            let resources = try answer(backend.listProtectedResources(by: principal, from: origin, at: now))
            let page = try PageToken.page(resources, token: call.query["nextToken"], scope: "resources", limit: limit)
            var out = JSONWriter()
            out.add("Results", objects: page.items.map(BackupShapes.protectedResource))
            out.add("NextToken", page.next)
            return out.data
        default:
            preconditionFailure("\(call.operation) is not a recovery point operation")
        }
    }

    /// ListRecoveryPointsByBackupVault's filters; the whole list untouched when none is given.
    private func filter(_ points: [RecoveryPoint], _ call: BackupCall) throws(ServiceError) -> [RecoveryPoint] {
        let after = try call.date("createdAfter")
        let before = try call.date("createdBefore")
        let resourceArn = call.query["resourceArn"]
        let resourceType = call.query["resourceType"]
        guard after != nil || before != nil || resourceArn != nil || resourceType != nil else { return points }
        return points.filter { point in
            (resourceArn.map { point.resourceArn == $0 } ?? true) && (resourceType.map { point.resourceType == $0 } ?? true)
                && (after.map { point.creationDate >= $0 } ?? true) && (before.map { point.creationDate <= $0 } ?? true)
        }
    }
}
