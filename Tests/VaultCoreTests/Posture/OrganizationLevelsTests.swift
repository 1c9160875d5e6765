import Foundation
import Testing
import VaultCore

/// The SCPs a source read level by level (`ListParents`, `ListPoliciesForTarget`) are judged level
/// by level, and an SCP file given with `--scp` stands in for the stored SCP of its name wherever it
/// is attached, as it does in a flat list.
@Suite struct OrganizationLevelsTests {
    static let full = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let guardrail =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:DeleteBackupVault","Resource":"*"}]}"#

    func state() -> AccountState {
        var state = AccountState()
        state.apply(.vault(Fixture.vault()))
        state.apply(
            .organization(
                OrganizationPath(
                    accountId: Fixture.account, organizationId: "o-a1b2c3d4e5", managementAccountId: "555566667777",
                    levels: [
                        .init(id: "r-a1b2", kind: .root, policyIds: ["p-FullAWSAccess"]),
                        .init(id: "ou-a1b2-5ce7b0a1", kind: .organizationalUnit, policyIds: ["p-FullAWSAccess", "p-guard"]),
                        .init(id: Fixture.account, kind: .account, policyIds: ["p-FullAWSAccess"]),
                    ], observedAt: Fixture.now)))
        for (id, name, document) in [("p-FullAWSAccess", "FullAWSAccess", Self.full), ("p-guard", "guard", Self.guardrail)] {
            state.apply(
                .policy(GuardrailPolicy(kind: .serviceControlPolicy, name: name, policyId: id, document: document, observedAt: Fixture.now)))
        }
        return state
    }

    @Test func theStoredLevelsAreJudgedAsRead() throws {
        let inputs = GuardrailInputs(state: state(), rules: [], settings: .seed(account: Fixture.account))
        let levels = try #require(inputs.serviceControlPolicyLevels)
        #expect(levels.map { $0.map(\.name) } == [["FullAWSAccess"], ["FullAWSAccess", "guard"], ["FullAWSAccess"]])
        #expect(inputs.managementAccount == "555566667777")
    }

    @Test func aSuppliedSCPStandsInForTheStoredOneOfItsName() throws {
        let replacement = GuardrailPolicy.serviceControlPolicy(
            named: "guard", document: #"{"Version":"2012-10-17","Statement":[]}"#, at: Fixture.now)
        let extra = GuardrailPolicy.serviceControlPolicy(named: "extra", document: Self.guardrail, at: Fixture.now)
        let inputs = GuardrailInputs(
            state: state(), rules: [], suppliedSCPs: [replacement, extra], settings: .seed(account: Fixture.account))
        let levels = try #require(inputs.serviceControlPolicyLevels)
        #expect(levels.map { $0.map(\.name) } == [["FullAWSAccess"], ["FullAWSAccess"], ["FullAWSAccess", "guard", "extra"]])
        #expect(levels[2][1].document == replacement.document)
    }
}
