import Foundation

/// Where an account sits in its AWS Organization, and the service control policies attached at
/// each level, root first (`ListParents` up to the root, `ListPoliciesForTarget` at each level).
/// An action is allowed only if every level allows it and no level denies it, so the levels are
/// kept apart, never flattened.
public struct OrganizationPath: Codable, Equatable, Sendable {
    public struct Level: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case root = "ROOT", organizationalUnit = "ORGANIZATIONAL_UNIT", account = "ACCOUNT"
        }

        /// `r-a1b2`, `ou-a1b2-c3d4e5f6`, or the account id.
        public var id: String
        public var kind: Kind
        /// The SCPs attached directly at this level, by policy id (`p-FullAWSAccess`, `p-…`).
        public var policyIds: [String]

        public init(id: String, kind: Kind, policyIds: [String]) {
            self.id = id
            self.kind = kind
            self.policyIds = policyIds
        }
    }

    /// The account the path leads to.
    public var accountId: String
    public var organizationId: String?
    public var managementAccountId: String?
    /// Root first, the account last. Empty when `unavailable`.
    public var levels: [Level]
    /// Why the path could not be read (Organizations refused the calls: they need the management
    /// account or a delegated administrator): the SCP checks then say UNKNOWN with this reason.
    public var unavailable: String?
    public var observedAt: Date

    public init(
        accountId: String, organizationId: String? = nil, managementAccountId: String? = nil, levels: [Level],
        unavailable: String? = nil, observedAt: Date
    ) {
        self.accountId = accountId
        self.organizationId = organizationId
        self.managementAccountId = managementAccountId
        self.levels = levels
        self.unavailable = unavailable
        self.observedAt = observedAt
    }

    /// SCPs never apply to the management account.
    public var isManagementAccount: Bool { managementAccountId == accountId }
}
