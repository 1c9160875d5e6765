import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The demo records the policies that guard it, so the guardrail checks read them from the store
/// like any other source's.
@Suite struct DemoPolicyRecordTests {
    let start = Fixture.t0

    @Test func seedingRecordsTheSCPAndEachGuardedVaultsAccessPolicy() throws {
        let state = AccountState(try DemoSource().startRecords(resuming: AccountState(), at: start))
        #expect(state.accessPolicies.keys.map(\.name).sorted() == DemoAccount.guardedVaults.sorted())
        #expect(state.accessPolicies.values.allSatisfy { $0.document == DemoAccount.accessPolicy })
        let scp = try #require(state.serviceControlPolicies[DemoAccount.guardrail.policyName])
        let document = try #require(scp.document)
        #expect(document.contains("\"ArnNotLike\""))
        #expect(document.contains("arn:aws:backup:*:111122223333:recovery-point:*"))
        #expect(document.contains("arn:aws:iam::111122223333:role/BackupVaultAdmin"))
        #expect(state.accessPolicies[Fixture.key("scratch")] == nil)
    }

    @Test func deletingAnAccessPolicyIsRecordedAndSurvivesAResume() throws {
        let first = DemoSource()
        var records = try first.startRecords(resuming: AccountState(), at: start)
        let backend = try #require(first.backend)
        let deleted = backend.deleteBackupVaultAccessPolicy(
            backupVaultName: DemoAccount.governanceVault, by: Fixture.admin, at: start + Fixture.minute)
        #expect(deleted.error == nil)
        records += backend.drainRecords()
        let state = AccountState(records)
        #expect(state.accessPolicies[Fixture.key(DemoAccount.governanceVault)]?.document == nil)

        let resumed = DemoSource()
        #expect(try resumed.startRecords(resuming: state, at: start + Fixture.hour).isEmpty)
        let policy = try #require(resumed.backend).getBackupVaultAccessPolicy(
            backupVaultName: DemoAccount.governanceVault, by: Fixture.admin, at: start + Fixture.hour)
        #expect(policy.error != nil, "the deleted policy stays deleted after a resume")
    }

    @Test func aStoreWithoutPolicyRecordsGetsThemOnResume() throws {
        let seeded = try DemoSource().startRecords(resuming: AccountState(), at: start)
        let old = AccountState(seeded.filter { if case .policy = $0 { return false } else { return true } })
        let missing = try DemoSource().startRecords(resuming: old, at: start + Fixture.hour)
        let state = AccountState(missing)
        #expect(state.accessPolicies.count == DemoAccount.guardedVaults.count)
        #expect(state.serviceControlPolicies.count == 1)
        #expect(missing.count == DemoAccount.guardedVaults.count + 1)
    }
}
