/// Who made a call, as CloudTrail's `userIdentity` reports it. The principal that guardrails
/// judge is the role behind a session (`sessionContext.sessionIssuer.arn`), or the user or
/// root ARN itself.
public struct Principal: Codable, Equatable, Hashable, Sendable {
    /// CloudTrail's `userIdentity.type`, every value it documents.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case assumedRole = "AssumedRole", iamUser = "IAMUser", root = "Root"
        case awsService = "AWSService", federatedUser = "FederatedUser"
        /// A role's own credentials (rare: most role calls are `AssumedRole` sessions).
        case role = "Role"
        /// A principal of another account, named by the account alone.
        case awsAccount = "AWSAccount"
        /// A user of IAM Identity Center acting on Identity Center itself.
        case identityCenterUser = "IdentityCenterUser"
        case samlUser = "SAMLUser", webIdentityUser = "WebIdentityUser", directory = "Directory"
        case unknown = "Unknown"
    }

    public var kind: Kind
    /// `userIdentity.arn`: the session (`arn:aws:sts::…:assumed-role/DevOps/alice`), user or root.
    /// For identities CloudTrail gives no ARN: the service (`backup.amazonaws.com`) for
    /// `AWSService`, `arn:aws:identitystore:::user/<userId>` for `IdentityCenterUser`, the account's
    /// root ARN for `AWSAccount`, the user name or principal id for the others.
    public var arn: String
    /// `sessionContext.sessionIssuer.arn` for assumed roles.
    public var issuerArn: String?
    public var accountId: String

    public init(kind: Kind, arn: String, issuerArn: String? = nil, accountId: String) {
        self.kind = kind
        self.arn = arn
        self.issuerArn = issuerArn
        self.accountId = accountId
    }

    /// The ARN guardrails compare against: the role behind a session, else the identity itself.
    public var judgedArn: String { issuerArn ?? arn }

    /// A short readable name: `DevOps/alice`, `root`, `ci-deployer`.
    public var displayName: String {
        if kind == .root { return "root" }
        if kind == .awsAccount { return "account \(accountId)" }
        guard let resource = ARN.resource(of: arn) else { return arn }
        for prefix in ["assumed-role/", "user/", "role/"] where resource.utf8.starts(with: prefix.utf8) {
            // Past the prefix's bytes when what follows is ASCII (then the prefix ends a
            // character); a mark or joiner after its `/` is of the prefix's last character, which
            // dropping characters drops with it.
            let end = resource.utf8.index(resource.startIndex, offsetBy: prefix.utf8.count)
            if end == resource.endIndex || resource.utf8[end] < 0x80 { return String(resource[end...]) }
            return String(resource.dropFirst(prefix.count))
        }
        return String(resource)
    }

    public static func root(account: String) -> Principal {
        Principal(kind: .root, arn: "arn:aws:iam::\(account):root", accountId: account)
    }

    public static func role(_ role: String, session: String, account: String) -> Principal {
        Principal(
            kind: .assumedRole, arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)",
            issuerArn: "arn:aws:iam::\(account):role/\(role)", accountId: account)
    }

    public static func user(_ name: String, account: String) -> Principal {
        Principal(kind: .iamUser, arn: "arn:aws:iam::\(account):user/\(name)", accountId: account)
    }
}
