import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The SCP-like guardrail: sensitive actions on guarded vaults by anyone but the vault admins
/// get AccessDenied, recorded as a CloudTrail call, before any lock rule is asked.
@Suite struct GuardrailTests {
    /// An unlocked vault the guardrail protects, so only the guardrail can refuse a deletion.
    let guarded = "guarded"
    let open = "scratch"
    let now = Fixture.t0 + Fixture.hour

    /// A backend with one point in each of an unlocked guarded vault and an unguarded one.
    func backend() throws -> (DemoBackend, guardedPoint: String, openPoint: String) {
        let backend = Fixture.backend()
        var arns: [String] = []
        for vault in [guarded, open] {
            _ = backend.createBackupVault(named: vault, by: Fixture.admin, at: Fixture.t0)
            let job = try #require(
                backend.startBackupJob(
                    backupVaultName: vault, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
                    lifecycle: Lifecycle(deleteAfterDays: 10), by: Fixture.admin, at: Fixture.t0 + Fixture.minute
                ).value)
            arns.append(try #require(job.recoveryPointArn))
        }
        _ = backend.drainRecords()
        return (backend, arns[0], arns[1])
    }

    @Test(arguments: [Fixture.alice, Fixture.root, Fixture.ciDeployer])
    func aNonAdminIsDeniedBySCPAndTheCallIsRecorded(principal: Principal) throws {
        let (backend, arn, _) = try backend()
        let result = backend.deleteRecoveryPoint(
            backupVaultName: guarded, recoveryPointArn: arn, by: principal, at: now)
        let error = try #require(result.error)
        #expect(error.code == "AccessDenied")
        #expect(
            error.message
                == "User: \(principal.arn) is not authorized to perform: backup:DeleteRecoveryPoint on resource: "
                + "arn:aws:backup:us-east-1:111122223333:backup-vault:guarded "
                + "with an explicit deny in a service control policy")
        #expect(backend.recoveryPoint(arn: arn, in: guarded) != nil)

        let records = backend.drainRecords()
        #expect(records.count == 1)
        let call = try #require(records.calls.first)
        #expect(call.action == "DeleteRecoveryPoint")
        #expect(call.principal == principal)
        #expect(call.vaultName == guarded)
        #expect(call.recoveryPointArn == arn)
        #expect(call.errorCode == "AccessDenied")
        #expect(call.errorMessage == error.message)
        #expect(call.time == now)
        #expect(call.accountId == Fixture.account)
        #expect(call.sourceIPAddress != nil && call.userAgent != nil)
        #expect(AlertRule.seed(account: Fixture.account).evaluate(call)?.severity == .warning)
    }

    @Test(arguments: [Fixture.admin, Fixture.stackSet])
    func anAdminIsNotDenied(principal: Principal) throws {
        let (backend, arn, _) = try backend()
        let result = backend.deleteRecoveryPoint(
            backupVaultName: guarded, recoveryPointArn: arn, by: principal, at: now)
        #expect(result.value?.arn == arn)
        let records = backend.drainRecords()
        #expect(records.removedPointArns == [arn])
        let call = try #require(records.calls.first)
        #expect(call.succeeded)
        #expect(AlertRule.seed(account: Fixture.account).evaluate(call) == nil)
    }

    /// Authorization first: on a locked guarded vault a non-admin gets AccessDenied, not the
    /// lock's InvalidRequestException; the admin gets the lock's refusal.
    @Test func theGuardrailIsJudgedBeforeTheLock() throws {
        let (backend, arn, _) = try backend()
        _ = backend.putBackupVaultLockConfiguration(
            vaultName: guarded, minRetentionDays: 1, changeableForDays: 3, by: Fixture.admin,
            at: Fixture.t0 + 2 * Fixture.minute)
        let byAlice = backend.deleteRecoveryPoint(
            backupVaultName: guarded, recoveryPointArn: arn, by: Fixture.alice, at: now)
        let byAdmin = backend.deleteRecoveryPoint(
            backupVaultName: guarded, recoveryPointArn: arn, by: Fixture.admin, at: now)
        #expect(byAlice.error?.code == "AccessDenied")
        #expect(byAdmin.error?.code == BackupServiceError.invalidRequest)
        let unlock = backend.deleteBackupVaultLockConfiguration(vaultName: guarded, by: Fixture.root, at: now)
        #expect(unlock.error?.code == "AccessDenied")
        #expect(backend.vault(named: guarded)?.lock != nil)
    }

    /// On a vault the guardrail does not protect, a non-admin's deletion goes through: the call
    /// that raises the most serious alert.
    @Test func aNonAdminSucceedsOnAnUnguardedVault() throws {
        let (backend, _, arn) = try backend()
        let result = backend.deleteRecoveryPoint(
            backupVaultName: open, recoveryPointArn: arn, by: Fixture.ciDeployer, at: now)
        #expect(result.value?.arn == arn)
        let call = try #require(backend.drainRecords().calls.first)
        #expect(call.succeeded)
        #expect(AlertRule.seed(account: Fixture.account).evaluate(call)?.severity == .critical)
    }

    @Test func actionsOutsideTheSensitiveListAreNotDenied() throws {
        let (backend, _, _) = try backend()
        let job = backend.startBackupJob(
            backupVaultName: guarded, resourceArn: Fixture.database2, iamRoleArn: Fixture.backupRole,
            lifecycle: Lifecycle(deleteAfterDays: 3), by: Fixture.alice, at: now)
        #expect(job.value?.state == .completed)
        #expect(backend.describeBackupVault(named: guarded, by: Fixture.alice, at: now).value != nil)
    }

    /// A principal of another account is refused everywhere (no resource-based policy lets it
    /// in), while a member account's copy into a vault is allowed.
    @Test func anotherAccountIsDeniedExceptForCopiesIn() throws {
        let (backend, _, arn) = try backend()
        let denied = backend.deleteRecoveryPoint(
            backupVaultName: open, recoveryPointArn: arn, by: Fixture.intruder, at: now)
        #expect(denied.error?.code == "AccessDenied")
        #expect(
            denied.error?.message.contains(
                "because no resource-based policy allows the backup:DeleteRecoveryPoint action") == true)

        let member = "222233334444"
        let resource = try #require(ProtectedResource(inferringFrom: Fixture.settlementFiles))
        let copy = backend.copyIntoBackupVault(
            CopySource(
                recoveryPointArn: "arn:aws:backup:us-east-1:\(member):recovery-point:ABC", resource: resource,
                sizeBytes: 1 << 30),
            backupVaultName: guarded, lifecycle: Lifecycle(deleteAfterDays: 14),
            iamRoleArn: DemoCast.memberBackupRoleArn(member), by: DemoCast.memberBackupService(member), at: now)
        #expect(copy.value?.state == .completed)
        #expect(copy.value?.kind == .copy)
        let call = try #require(backend.drainRecords().calls.last)
        #expect(call.action == "CopyIntoBackupVault")
        #expect(call.succeeded)
        #expect(AlertRule.seed(account: Fixture.account).evaluate(call) == nil)
    }

    @Test func theDemoGuardrailCoversTheSeedsSensitiveActions() {
        let guardrail = DemoAccount.guardrail
        #expect(guardrail.deniedActions == Set(AlertRule.seedSensitiveActions))
        #expect(guardrail.guardedVaults == ["central-backup-vault", "WORM_vault", "legacy-governance"])
        #expect(guardrail.adminArns == DemoAccount.alertRule.adminArns)
        let vaultArn = "arn:aws:backup:us-east-1:111122223333:backup-vault:scratch"
        #expect(
            guardrail.verdict(for: "DeleteRecoveryPoint", by: Fixture.root, on: "scratch", vaultArn: vaultArn).isAllowed
        )
    }
}
