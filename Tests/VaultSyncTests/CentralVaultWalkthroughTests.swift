import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The first seed's validation, against the simulated service: a central vault locked with a
/// 5-day minimum refuses a 1-day backup, accepts a 6-day one, and nobody can delete that point.
@Suite struct CentralVaultWalkthroughTests {
    let vault = "central-backup-vault"
    let deployed = Fixture.t0
    let locked = Fixture.t0 + 30 * Fixture.minute

    /// Deployed by the StackSet role with a customer managed key and locked with min 5 days.
    func deploy(_ backend: DemoBackend) throws {
        _ = try #require(
            backend.createBackupVault(
                named: vault, encryptionKeyArn: Fixture.keyArn, encryptionKeyAlias: "alias/central-backup",
                by: Fixture.stackSet, at: deployed
            ).value)
        _ = try #require(
            backend.putBackupVaultLockConfiguration(
                vaultName: vault, minRetentionDays: 5, changeableForDays: 3, by: Fixture.stackSet, at: locked
            ).value)
        _ = backend.drainRecords()
    }

    func backup(_ backend: DemoBackend, days: Int, at now: Date) throws -> BackupJob {
        try #require(
            backend.startBackupJob(
                backupVaultName: vault, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
                lifecycle: Lifecycle(deleteAfterDays: days), by: Fixture.admin, at: now
            ).value)
    }

    /// Right after deployment (in the cooling-off period, as in the seed) and long after the
    /// lock date: the lock holds the same way.
    @Test(arguments: [1 * Fixture.hour, 4 * Fixture.day])
    func oneDayFailsSixDaysSucceedsAndTheAdminCannotDeleteIt(after offset: TimeInterval) throws {
        let backend = Fixture.backend()
        try deploy(backend)
        let now = deployed + offset
        let lockedVault = try #require(backend.vault(named: vault))

        let short = try backup(backend, days: 1, at: now)
        #expect(short.state == .failed)
        #expect(short.recoveryPointArn == nil)
        #expect(
            short.statusMessage
                == VaultLockRules.admitJob(
                    .backup, lifecycle: Lifecycle(deleteAfterDays: 1), into: lockedVault, at: now
                ).reason)
        #expect(short.statusMessage?.contains("below the Vault Lock minimum of 5 days") == true)
        #expect(backend.points(in: vault).isEmpty)

        let good = try backup(backend, days: 6, at: now + Fixture.minute)
        #expect(good.state == .completed)
        let pointArn = try #require(good.recoveryPointArn)
        let point = try #require(backend.recoveryPoint(arn: pointArn, in: vault))
        #expect(point.lifecycle.deleteAfterDays == 6)
        #expect(point.deleteAt == now + Fixture.minute + 6 * Fixture.day)

        let deletion = backend.deleteRecoveryPoint(
            backupVaultName: vault, recoveryPointArn: pointArn, by: Fixture.admin, at: now + 2 * Fixture.minute)
        let error = try #require(deletion.error)
        #expect(error.code == BackupServiceError.invalidRequest)
        #expect(
            error.message
                == VaultLockRules.deleteRecoveryPoint(
                    point, in: lockedVault, by: Fixture.admin, at: now + 2 * Fixture.minute
                )
                .reason)
        #expect(backend.recoveryPoint(arn: pointArn, in: vault) != nil)

        let records = backend.drainRecords()
        #expect(records.jobs.map(\.state) == [.failed, .completed])
        #expect(records.calls.map(\.action) == ["StartBackupJob", "StartBackupJob", "DeleteRecoveryPoint"])
        #expect(records.calls.map(\.errorCode) == [nil, nil, BackupServiceError.invalidRequest])
        #expect(records.calls.last?.principal == Fixture.admin)
        #expect(records.calls.last?.recoveryPointArn == pointArn)
        #expect(records.removedPointArns.isEmpty)
    }

    /// Without any guardrail in the way, root is refused by the lock alone.
    @Test func rootCannotDeleteEitherWhenOnlyTheLockDecides() throws {
        let backend = Fixture.unguardedBackend()
        try deploy(backend)
        let job = try backup(backend, days: 6, at: deployed + Fixture.hour)
        let arn = try #require(job.recoveryPointArn)
        let deletion = backend.deleteRecoveryPoint(
            backupVaultName: vault, recoveryPointArn: arn, by: Fixture.root, at: deployed + 2 * Fixture.hour)
        #expect(deletion.error?.code == BackupServiceError.invalidRequest)
        #expect(deletion.error?.message.contains("root included") == true)
        #expect(backend.recoveryPoint(arn: arn, in: vault) != nil)
    }
}
