import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The simulated service's other duties: vault bookkeeping and its errors, copy jobs under the
/// lock rules, expiry and cold storage, replaying and restoring.
@Suite struct DemoBackendTests {
    let vault = "central-backup-vault"

    /// A locked (min 5) vault and an unlocked one, each with a point, and a script of calls.
    func script(_ backend: DemoBackend) {
        let t = Fixture.t0
        _ = backend.createBackupVault(named: vault, encryptionKeyArn: Fixture.keyArn, by: Fixture.stackSet, at: t)
        _ = backend.createBackupVault(named: "scratch", by: Fixture.ciDeployer, at: t)
        _ = backend.putBackupVaultLockConfiguration(
            vaultName: vault, minRetentionDays: 5, changeableForDays: 3, by: Fixture.stackSet, at: t)
        for (i, days) in [1, 6, 35].enumerated() {
            _ = backend.startBackupJob(
                backupVaultName: vault, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(deleteAfterDays: days), by: Fixture.admin, at: t + Double(i) * Fixture.minute)
        }
        _ = backend.startBackupJob(
            backupVaultName: "scratch", resourceArn: Fixture.settlementFiles, iamRoleArn: Fixture.backupRole,
            lifecycle: Lifecycle(moveToColdStorageAfterDays: 2, deleteAfterDays: 92), by: Fixture.ciDeployer,
            at: t + 5 * Fixture.minute)
        _ = backend.deleteRecoveryPoint(
            backupVaultName: vault, recoveryPointArn: backend.points(in: vault).first?.arn ?? "", by: Fixture.alice,
            at: t + 6 * Fixture.minute)
    }

    @Test func theSameCallsGiveTheSameRecordsIdsIncluded() {
        let a = Fixture.backend()
        let b = Fixture.backend()
        script(a)
        script(b)
        let records = a.drainRecords()
        #expect(firstMismatch(records, b.drainRecords()) == nil)
        #expect(records.calls.count == 8)
        #expect(Set(records.calls.map(\.id)).count == records.calls.count)
        let idShape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        #expect(records.calls.allSatisfy { $0.id.wholeMatch(of: idShape) != nil })
    }

    /// An emulator answers a call in well under a millisecond: calls at different instants of one
    /// millisecond, and calls after the clock stepped back, each get an id of their own (one shared
    /// an id, and a CloudTrail lookup then saw 59 calls of 60).
    @Test func callsWithinOneMillisecondOrAfterTheClockSteppedBackHaveIdsOfTheirOwn() {
        let backend = Fixture.backend()
        let t = Fixture.t0
        let instants = [t, t + 0.0001, t + 0.0002, t + 0.0004, t - 5, t - 0.0001, t + 0.001, t + 0.0011, t + 60]
        for instant in instants {
            _ = backend.describeBackupVault(named: "nope", by: Fixture.alice, at: instant)
        }
        let calls = backend.drainRecords().calls
        #expect(calls.count == instants.count)
        #expect(Set(calls.map(\.id)).count == instants.count)
    }

    @Test func pointArnsAreShapedByResourceType() throws {
        let backend = Fixture.backend()
        script(backend)
        let rds = try #require(backend.points(in: vault).first)
        #expect(rds.arn.hasPrefix("arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-"))
        let efs = try #require(backend.points(in: "scratch").first)
        #expect(efs.arn.hasPrefix("arn:aws:backup:us-east-1:111122223333:recovery-point:"))
        #expect(efs.resourceType == "EFS")
        #expect(efs.sourceAccount == "222233334444")
    }

    /// Restoring from what the store holds rebuilds the vaults and points, and the restored
    /// backend answers later calls exactly as the original does.
    @Test func aRestoredBackendContinuesLikeTheOriginal() throws {
        let original = Fixture.backend()
        script(original)
        let state = AccountState(original.drainRecords())
        let restored = DemoBackend(
            restoring: state, accountId: Fixture.account, region: Fixture.region, guardrail: original.guardrail)
        #expect(restored.vaultNames == original.vaultNames)
        for name in original.vaultNames {
            #expect(restored.vault(named: name) == original.vault(named: name))
            #expect(restored.points(in: name) == original.points(in: name))
        }
        let later = Fixture.t0 + 3 * Fixture.day
        for backend in [original, restored] {
            _ = backend.expire(at: later)
            _ = backend.moveToColdStorage(at: later)
            _ = backend.startBackupJob(
                backupVaultName: vault, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(deleteAfterDays: 7), by: Fixture.admin, at: later)
            _ = backend.deleteRecoveryPoint(
                backupVaultName: "scratch", recoveryPointArn: backend.points(in: "scratch").first?.arn ?? "",
                by: Fixture.ciDeployer, at: later + 1)
        }
        let continued = original.drainRecords()
        #expect(firstMismatch(continued, restored.drainRecords()) == nil)
        #expect(continued.points.contains { $0.storageClass == .cold })
        #expect(continued.removedPointArns.count == 1)
    }

    @Test func vaultBookkeepingErrors() {
        let backend = Fixture.backend()
        script(backend)
        let t = Fixture.t0 + Fixture.hour
        #expect(
            backend.createBackupVault(named: vault, by: Fixture.admin, at: t).error?.code == "AlreadyExistsException")
        #expect(
            backend.createBackupVault(named: "bad name!", by: Fixture.admin, at: t).error?.code
                == "InvalidParameterValueException")
        #expect(
            backend.describeBackupVault(named: "nope", by: Fixture.admin, at: t).error?.code
                == "ResourceNotFoundException")
        #expect(
            backend.deleteRecoveryPoint(backupVaultName: vault, recoveryPointArn: "arn:nope", by: Fixture.admin, at: t)
                .error?.code == "ResourceNotFoundException")
        #expect(
            backend.startBackupJob(
                backupVaultName: vault, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(moveToColdStorageAfterDays: 10, deleteAfterDays: 20), by: Fixture.admin, at: t
            ).error?.code == "InvalidParameterValueException")
        #expect(
            backend.startBackupJob(
                backupVaultName: vault, resourceArn: "arn:aws:sqs:us-east-1:111122223333:queue",
                iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(deleteAfterDays: 7), by: Fixture.admin, at: t
            ).error?.code == "InvalidParameterValueException")
        let list = backend.listBackupVaults(by: Fixture.admin, at: t).value
        #expect(list?.map(\.vault.name) == ["central-backup-vault", "scratch"])
        #expect(list?.first?.locked == true)
        #expect(list?.first?.vault.encryptionKeyType == .customerManaged)
        #expect(list?.last?.vault.encryptionKeyType == .awsOwned)
    }

    @Test func onlyAnEmptyVaultCanBeDeleted() throws {
        let backend = Fixture.backend()
        script(backend)
        let t = Fixture.t0 + Fixture.hour
        let full = backend.deleteBackupVault(named: "scratch", by: Fixture.admin, at: t)
        #expect(full.error?.code == BackupServiceError.invalidRequest)
        let arn = try #require(backend.points(in: "scratch").first?.arn)
        _ = backend.deleteRecoveryPoint(backupVaultName: "scratch", recoveryPointArn: arn, by: Fixture.admin, at: t)
        #expect(backend.deleteBackupVault(named: "scratch", by: Fixture.admin, at: t + 1).value != nil)
        #expect(backend.vault(named: "scratch") == nil)
        #expect(backend.drainRecords().contains(.vaultRemoved(Fixture.key("scratch"), at: t + 1)))
    }

    /// StartCopyJob into a vault of this account obeys the destination's lock like a backup.
    @Test func aCopyIntoALockedVaultIsJudgedByItsLock() throws {
        let backend = Fixture.backend()
        script(backend)
        let t = Fixture.t0 + Fixture.hour
        let source = try #require(backend.points(in: "scratch").first)
        let destination = "arn:aws:backup:us-east-1:111122223333:backup-vault:\(vault)"
        for (days, copied) in [(2, false), (5, true)] {
            let id = backend.startCopyJob(
                recoveryPointArn: source.arn, sourceBackupVaultName: "scratch", destinationBackupVaultArn: destination,
                iamRoleArn: Fixture.backupRole, lifecycle: Lifecycle(deleteAfterDays: days), by: Fixture.admin, at: t)
            #expect(id.value != nil)
            let job = try #require(backend.drainRecords().jobs.last)
            #expect(job.kind == .copy)
            #expect(job.id == id.value)
            #expect(job.state == (copied ? .completed : .failed))
            #expect((job.statusMessage?.contains("the copy job fails") ?? false) == !copied)
        }
    }

    @Test func pointsMoveToColdStorageAndExpireOnTime() throws {
        let backend = Fixture.backend()
        script(backend)
        _ = backend.drainRecords()
        let efs = try #require(backend.points(in: "scratch").first)
        #expect(backend.moveToColdStorage(at: efs.creationDate + 2 * Fixture.day - 1).isEmpty)
        #expect(backend.moveToColdStorage(at: efs.creationDate + 2 * Fixture.day).map(\.arn) == [efs.arn])
        #expect(backend.points(in: "scratch").first?.storageClass == .cold)
        #expect(backend.expire(at: efs.creationDate + 92 * Fixture.day - 1).map(\.arn).contains(efs.arn) == false)
        #expect(backend.expire(at: efs.creationDate + 92 * Fixture.day).map(\.arn).contains(efs.arn))
        let records = backend.drainRecords()
        #expect(records.calls.isEmpty)
        #expect(records.removedPointArns.contains(efs.arn))
    }
}
