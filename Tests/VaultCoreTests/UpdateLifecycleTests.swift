import Foundation
import Testing
import VaultCore

@Suite struct UpdateLifecycleTests {
    let efs = Fixture.point(in: "WORM_vault", type: "EFS")
    let toCold = Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 120)

    @Test(arguments: LockedMode.allCases)
    func seedEfsMoveToColdIsRefusedInEveryLockedState(_ mode: LockedMode) {
        let vault = Fixture.vault("WORM_vault", lock: mode.lock(min: 7, max: 30))
        let verdict = VaultLockRules.updateLifecycle(efs, to: toCold, in: vault, at: Fixture.now)
        let word = vault.lockState(at: Fixture.now).word
        #expect(
            verdict
                == .refused(
                    because: "WORM_vault is locked (\(word)): nobody can change the retention or cold-storage setting of its recovery points."))
    }

    @Test(arguments: LockedMode.allCases)
    func evenAValidShorterRetentionIsRefusedWhenLocked(_ mode: LockedMode) {
        let vault = Fixture.vault("WORM_vault", lock: mode.lock(min: nil, max: nil))
        #expect(!VaultLockRules.updateLifecycle(efs, to: Lifecycle(deleteAfterDays: 10), in: vault, at: Fixture.now).isAllowed)
    }

    @Test func unlockedVaultAllowsEfsColdStorage() {
        let verdict = VaultLockRules.updateLifecycle(efs, to: toCold, in: Fixture.vault("WORM_vault"), at: Fixture.now)
        #expect(verdict == .allowed(because: "WORM_vault has no Vault Lock: the lifecycle can be changed by anyone IAM allows."))
    }

    @Test func seedRetentionChangeFromTwoDaysToOneBeforeTheLock() {
        let rds = Fixture.point(in: "WORM_vault", type: "RDS", created: Fixture.now, lifecycle: Lifecycle(deleteAfterDays: 2))
        let verdict = VaultLockRules.updateLifecycle(
            rds, to: Lifecycle(deleteAfterDays: 1), in: Fixture.vault("WORM_vault"), at: Fixture.now + 3600)
        #expect(verdict.isAllowed)
    }

    @Test func rdsCannotMoveToColdStorage() {
        let rds = Fixture.point(in: "WORM_vault", type: "RDS")
        let verdict = VaultLockRules.updateLifecycle(rds, to: toCold, in: Fixture.vault("WORM_vault"), at: Fixture.now)
        #expect(verdict == .refused(because: "RDS recovery points cannot move to cold storage."))
    }

    @Test func invalidLifecycleIsRefused() {
        let verdict = VaultLockRules.updateLifecycle(
            efs, to: Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 100), in: Fixture.vault("WORM_vault"),
            at: Fixture.now)
        #expect(verdict == .refused(because: "DeleteAfterDays (100) must be at least 90 days after MoveToColdStorageAfterDays (30)."))
    }

    @Test func expiredPointIsRefused() throws {
        let deleteAt = try #require(efs.deleteAt)
        let verdict = VaultLockRules.updateLifecycle(efs, to: toCold, in: Fixture.vault("WORM_vault"), at: deleteAt)
        #expect(verdict == .refused(because: "The point has already expired."))
    }

    @Test func coldStorageResourceTypes() {
        #expect(RecoveryPoint.coldStorageResourceTypes.contains("EFS"))
        #expect(RecoveryPoint.coldStorageResourceTypes.contains("DynamoDB"))
        #expect(!RecoveryPoint.coldStorageResourceTypes.contains("RDS"))
        #expect(!RecoveryPoint.coldStorageResourceTypes.contains("EC2"))
    }
}
