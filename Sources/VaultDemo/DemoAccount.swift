import Foundation
import VaultCore

/// The demo's central backup account (account B of the seeds): its id and region, its vaults,
/// who administers them, and the guardrail and access policy that protect them.
public enum DemoAccount {
    public static let accountId = "111122223333"
    public static let region = "us-east-1"
    /// The member accounts whose backups are copied in.
    public static let prodAccount = "444455556666"
    public static let analyticsAccount = "777788889999"
    public static let paymentsAccount = "222233334444"
    public static let organizationId = "o-a1b2c3d4e5"

    /// Compliance mode, locked long ago, min 5 days (the first seed).
    public static let centralVault = "central-backup-vault"
    /// Compliance mode still in its cooling-off period at the start, min 7 max 30 (the second seed).
    public static let wormVault = "WORM_vault"
    /// Governance mode, min 1 max 365.
    public static let governanceVault = "legacy-governance"
    /// No lock and no guardrail.
    public static let scratchVault = "scratch"

    /// The vaults the SCP protects: every vault but `scratch`.
    public static let guardedVaults: Set<String> = [centralVault, wormVault, governanceVault]

    public static var adminArns: [String] { AlertRule.seed(account: accountId).adminArns }

    public static var guardrail: DemoGuardrail { .seed(account: accountId, guardedVaults: guardedVaults) }

    /// What the posture checks hold the demo to: the seeds' admins and organization, a 7-day
    /// retention floor (which the central vault's 5-day minimum does not meet), and a recovery
    /// point every 8 days per resource (the demo's plans run daily to weekly).
    public static var guardrailSettings: GuardrailSettings {
        GuardrailSettings(
            adminArns: adminArns, organizationId: organizationId, minRetentionDays: 7, recoveryPointMaxAgeHours: 8 * 24)
    }

    /// The alert rule the seeds' EventBridge rule stands for, over this account.
    public static var alertRule: AlertRule { .seed(account: accountId) }

    /// The seeds' vault access policy: deny the sensitive actions to all but the admins, and let
    /// the organisation's backup plans copy in.
    public static var accessPolicy: String {
        let actions = [
            "DeleteRecoveryPoint", "UpdateRecoveryPointLifecycle", "PutBackupVaultAccessPolicy",
            "DeleteBackupVaultAccessPolicy", "StartCopyJob", "StartRestoreJob",
            "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
        ].map { "\"backup:\($0)\"" }.joined(separator: ",")
        let admins = adminArns.map { "\"\($0)\"" }.joined(separator: ",")
        let deny =
            #"{"Sid":"DenyAllButVaultAdmins","Effect":"Deny","Principal":"*","Action":[\#(actions)],"Resource":"*","#
            + #""Condition":{"ArnNotLike":{"aws:PrincipalArn":[\#(admins)]}}}"#
        let copyIn =
            #"{"Sid":"AllowOrganizationCopyIn","Effect":"Allow","Principal":"*","#
            + #""Action":"backup:CopyIntoBackupVault","Resource":"*","#
            + #""Condition":{"StringEquals":{"aws:PrincipalOrgID":"\#(organizationId)"}}}"#
        return #"{"Version":"2012-10-17","Statement":["# + deny + "," + copyIn + "]}"
    }

    /// The SNS topic the seeds' EventBridge rule notifies.
    public static let alertTopicArn = "arn:aws:sns:us-east-1:111122223333:central-backup-vault-alerts"

    /// Makes the account's resources known to `backend`. When resuming, puts back the access
    /// policies as the store last saw them; a store written before policies were recorded gets
    /// the seeds' policy on each guarded vault, and the records saying so.
    static func provision(_ backend: DemoBackend, resuming state: AccountState?, at now: Date) -> [Record] {
        for entry in DemoCatalog.entries { backend.register(entry.resource) }
        for resource in DemoCatalog.unscheduled { backend.register(resource) }
        guard let state else { return [] }
        var records: [Record] = []
        for name in guardedVaults.sorted() where backend.vault(named: name) != nil {
            if let stored = state.accessPolicies[backend.key(name)] {
                if let document = stored.document { backend.installAccessPolicy(document, on: name) }
            } else {
                backend.installAccessPolicy(accessPolicy, on: name)
                records.append(.policy(.accessPolicy(of: backend.key(name), document: accessPolicy, at: now)))
            }
        }
        if state.serviceControlPolicies[guardrail.policyName] == nil {
            records.append(guardrail.record(account: accountId, at: now))
        }
        return records
    }
}
