import Foundation
import VaultCore

/// A job whose retention a vault's lock refuses: it shows up as a FAILED job with the rule's
/// reason. The first two are the seeds' own cases.
enum DemoRefusedJob: CaseIterable {
    /// A 1-day backup into the central vault (minimum 5 days).
    case oneDayIntoCentral
    /// A 35-day copy into WORM_vault (maximum 30 days).
    case thirtyFiveDaysIntoWorm
    /// A copy kept forever into WORM_vault (it has a maximum).
    case foreverIntoWorm
    /// A 400-day copy into the governance vault (maximum 365 days).
    case fourHundredDaysIntoGovernance

    func act(at time: Date, seed: UInt64) -> DemoAct {
        switch self {
        case .oneDayIntoCentral:
            return DemoAct(time: time) { backend, _, now in
                _ = backend.startBackupJob(
                    backupVaultName: DemoAccount.centralVault, resourceArn: DemoCatalog.database2.arn,
                    iamRoleArn: DemoCast.backupRoleArn, lifecycle: Lifecycle(deleteAfterDays: 1),
                    by: DemoCast.backupService, from: .backupService, at: now)
            }
        case .thirtyFiveDaysIntoWorm:
            return copy(of: "payments-core", into: DemoAccount.wormVault, days: 35, at: time, seed: seed)
        case .foreverIntoWorm:
            return copy(of: "card-tokens", into: DemoAccount.wormVault, days: nil, at: time, seed: seed)
        case .fourHundredDaysIntoGovernance:
            return copy(of: "warehouse-meta", into: DemoAccount.governanceVault, days: 400, at: time, seed: seed)
        }
    }

    /// A catalog resource's plan run, sent with the wrong retention.
    private func copy(of name: String, into vault: String, days: Int?, at time: Date, seed: UInt64) -> DemoAct {
        guard var entry = DemoCatalog.entries.first(where: { $0.resource.name == name }) else {
            preconditionFailure("\(name) is not in the demo catalog")
        }
        entry.plan.vault = vault
        entry.plan.lifecycle = Lifecycle(deleteAfterDays: days)
        return entry.run(at: time, seed: seed)
    }
}
