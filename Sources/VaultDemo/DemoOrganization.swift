/// The AWS Organization the demo's central backup account belongs to: the management account at
/// the root, the central backup account alone in an OU, the member accounts whose backups are
/// copied in under another. The central backup account is a delegated administrator of the
/// organization's policies, so its read-only role may read the SCPs that bind it, level by level.
public enum DemoOrganization {
    /// One organizational unit directly under the root, and the accounts it holds.
    public struct Unit: Equatable, Sendable {
        public let id: String
        public let name: String
        public let accounts: [String]
    }

    public static let id = DemoAccount.organizationId
    /// The management account, which SCPs never bind.
    public static let managementAccountId = "555566667777"
    public static let rootId = "r-a1b2"

    public static let units: [Unit] = [
        Unit(id: "ou-a1b2-5ce7b0a1", name: "CentralBackup", accounts: [DemoAccount.accountId]),
        Unit(
            id: "ou-a1b2-9f3e2d1c", name: "Workloads",
            accounts: [DemoAccount.prodAccount, DemoAccount.analyticsAccount, DemoAccount.paymentsAccount]),
    ]

    /// Accounts that may read the organization as its management account may (`ListParents`,
    /// `ListPoliciesForTarget`, `DescribePolicy`).
    public static let delegatedAdministrators: Set<String> = [DemoAccount.accountId]
}
