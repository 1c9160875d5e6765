import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The second seed's walk-through, against the simulated service: WORM_vault locked with
/// `--changeable-for-days 3 --min-retention-days 7 --max-retention-days 30`.
@Suite struct WormVaultWalkthroughTests {
    let vault = "WORM_vault"
    let created = Fixture.t0
    let lockCall = Fixture.t0 + 10 * Fixture.minute

    func backup(_ backend: DemoBackend, _ resource: String, days: Int, at now: Date) throws -> BackupJob {
        try #require(
            backend.startBackupJob(
                backupVaultName: vault, resourceArn: resource, iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(deleteAfterDays: days), by: Fixture.admin, at: now
            ).value)
    }

    func lock(_ backend: DemoBackend) throws {
        _ = try #require(
            backend.putBackupVaultLockConfiguration(
                vaultName: vault, minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3, by: Fixture.admin,
                at: lockCall
            ).value)
    }

    @Test func theWalkThroughFromCreationToRemovingTheLockInItsGracePeriod() throws {
        let backend = Fixture.backend()
        _ = try #require(
            backend.createBackupVault(named: vault, encryptionKeyArn: Fixture.keyArn, by: Fixture.admin, at: created)
                .value)

        // Before the lock: a 2-day backup of database-2, shortened to 1 day.
        let first = try backup(backend, Fixture.database2, days: 2, at: created + Fixture.minute)
        let pointArn = try #require(first.recoveryPointArn)
        let shortened = backend.updateRecoveryPointLifecycle(
            backupVaultName: vault, recoveryPointArn: pointArn, lifecycle: Lifecycle(deleteAfterDays: 1),
            by: Fixture.admin, at: created + 2 * Fixture.minute)
        #expect(shortened.value?.lifecycle.deleteAfterDays == 1)
        let before = try #require(
            backend.describeBackupVault(named: vault, by: Fixture.admin, at: created + 3 * Fixture.minute).value)
        #expect(before.locked == false)
        #expect(before.lockDate == nil)
        #expect(before.numberOfRecoveryPoints == 1)

        // The lock: describe shows Locked with a LockDate 3 days after the call.
        try lock(backend)
        let now = lockCall + Fixture.minute
        let after = try #require(backend.describeBackupVault(named: vault, by: Fixture.admin, at: now).value)
        #expect(after.locked == true)
        #expect(after.minRetentionDays == 7)
        #expect(after.maxRetentionDays == 30)
        #expect(after.lockDate == lockCall + 3 * Fixture.day)
        #expect(after.vault.lockState(at: now) == .complianceGrace(until: lockCall + 3 * Fixture.day))

        // Deleting the point fails.
        let deletion = backend.deleteRecoveryPoint(
            backupVaultName: vault, recoveryPointArn: pointArn, by: Fixture.admin, at: now)
        #expect(deletion.error?.code == BackupServiceError.invalidRequest)
        #expect(backend.recoveryPoint(arn: pointArn, in: vault) != nil)

        // A 35-day backup fails.
        let long = try backup(backend, Fixture.database2, days: 35, at: now + Fixture.minute)
        #expect(long.state == .failed)
        #expect(long.statusMessage?.contains("above the Vault Lock maximum of 30 days") == true)

        // An EFS point's lifecycle cannot be changed to cold storage.
        let efs = try backup(backend, Fixture.settlementFiles, days: 14, at: now + 2 * Fixture.minute)
        #expect(efs.state == .completed)
        #expect(efs.resourceType == "EFS")
        let efsArn = try #require(efs.recoveryPointArn)
        let toCold = backend.updateRecoveryPointLifecycle(
            backupVaultName: vault, recoveryPointArn: efsArn,
            lifecycle: Lifecycle(moveToColdStorageAfterDays: 1, deleteAfterDays: 91), by: Fixture.admin,
            at: now + 3 * Fixture.minute)
        #expect(toCold.error?.code == BackupServiceError.invalidRequest)
        #expect(toCold.error?.message.contains("nobody can change the retention or cold-storage") == true)
        #expect(backend.recoveryPoint(arn: efsArn, in: vault)?.lifecycle == Lifecycle(deleteAfterDays: 14))

        // Within the 3 days the lock can be removed; then the point can be deleted.
        let inGrace = lockCall + 2 * Fixture.day
        let unlocked = backend.deleteBackupVaultLockConfiguration(vaultName: vault, by: Fixture.admin, at: inGrace)
        #expect(unlocked.value?.lock == nil)
        let described = try #require(backend.describeBackupVault(named: vault, by: Fixture.admin, at: inGrace).value)
        #expect(described.locked == false)
        let removal = backend.deleteRecoveryPoint(
            backupVaultName: vault, recoveryPointArn: efsArn, by: Fixture.admin, at: inGrace + Fixture.minute)
        #expect(removal.value?.arn == efsArn)
        #expect(backend.recoveryPoint(arn: efsArn, in: vault) == nil)

        let records = backend.drainRecords()
        #expect(records.removedPointArns == [efsArn])
        #expect(records.vaults.last?.lock == nil)
        let calls = records.calls
        #expect(
            calls.filter { $0.errorCode == BackupServiceError.invalidRequest }.map(\.action) == [
                "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle",
            ])
        #expect(calls.contains { $0.action == "DeleteBackupVaultLockConfiguration" && $0.succeeded })
    }

    /// The 1-day point of the walk-through expired, lock or not: `expire` removes it.
    @Test func theShortenedPointStillExpires() throws {
        let backend = Fixture.backend()
        _ = backend.createBackupVault(named: vault, by: Fixture.admin, at: created)
        let job = try backup(backend, Fixture.database2, days: 2, at: created + Fixture.minute)
        let arn = try #require(job.recoveryPointArn)
        _ = backend.updateRecoveryPointLifecycle(
            backupVaultName: vault, recoveryPointArn: arn, lifecycle: Lifecycle(deleteAfterDays: 1), by: Fixture.admin,
            at: created + 2 * Fixture.minute)
        try lock(backend)
        _ = backend.drainRecords()
        #expect(backend.expire(at: created + Fixture.day).isEmpty)
        #expect(backend.expire(at: created + Fixture.day + Fixture.minute).map(\.arn) == [arn])
        #expect(
            backend.drainRecords() == [
                .recoveryPointRemoved(arn: arn, vault: Fixture.key(vault), at: created + Fixture.day + Fixture.minute)
            ])
    }

    /// On and after the lock date the lock is permanent: a second before, it can still go.
    static let lockRemovals: [(offset: TimeInterval, succeeds: Bool)] = [
        (3 * Fixture.day - 1, true), (3 * Fixture.day, false), (3 * Fixture.day + 1, false), (400 * Fixture.day, false),
    ]

    @Test(arguments: lockRemovals)
    func removingTheLock(after offset: TimeInterval, succeeds: Bool) throws {
        let backend = Fixture.backend()
        _ = backend.createBackupVault(named: vault, by: Fixture.admin, at: created)
        try lock(backend)
        let now = lockCall + offset
        let result = backend.deleteBackupVaultLockConfiguration(vaultName: vault, by: Fixture.admin, at: now)
        if succeeds {
            #expect(result.value?.lock == nil)
        } else {
            #expect(result.error?.code == BackupServiceError.invalidRequest)
            #expect(result.error?.message.contains("became permanent") == true)
            #expect(backend.vault(named: vault)?.lock?.lockDate == lockCall + 3 * Fixture.day)
            let call = try #require(backend.drainRecords().calls.last)
            #expect(call.action == "DeleteBackupVaultLockConfiguration")
            #expect(call.errorCode == BackupServiceError.invalidRequest)
        }
    }

    @Test func theLockCannotBeChangedAfterTheLockDateEither() {
        let backend = Fixture.backend()
        _ = backend.createBackupVault(named: vault, by: Fixture.admin, at: created)
        _ = backend.putBackupVaultLockConfiguration(
            vaultName: vault, minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3, by: Fixture.admin,
            at: lockCall)
        let weaker = backend.putBackupVaultLockConfiguration(
            vaultName: vault, minRetentionDays: 1, maxRetentionDays: 30, changeableForDays: 3, by: Fixture.admin,
            at: lockCall + 3 * Fixture.day)
        #expect(weaker.error?.code == BackupServiceError.invalidRequest)
        #expect(backend.vault(named: vault)?.lock?.minRetentionDays == 7)
    }
}
