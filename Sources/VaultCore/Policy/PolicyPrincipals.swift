/// The value of a `Principal` or `NotPrincipal` element: `"*"`, or an object whose keys name the kind of
/// principal (`AWS`, `Service`, `Federated`, `CanonicalUser`) and whose values are one string or a list.
public struct PolicyPrincipals: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    public struct Entry: Equatable, Sendable {
        public var kind: Kind
        public var value: String

        public init(_ kind: Kind, _ value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// `"Principal": "*"`, the same as `{"AWS": "*"}`.
    public static let everyone = PolicyPrincipals([Entry(.aws, "*")])

    /// Whether the element names every principal (`"*"` or `{"AWS": "*"}`).
    public var isEveryone: Bool { entries.contains { $0.kind == .aws && $0.value == "*" } }

    /// How `Principal` names a request's caller.
    enum Match: Equatable, Sendable {
        case none
        /// By its own ARN: the role (as `aws:PrincipalArn`), the role session, the user, the federated
        /// user, or every principal (`"*"`).
        case byName
        /// Only through its account (`111122223333` or `arn:aws:iam::111122223333:root`): "When you specify
        /// an AWS account … you delegate to the account" (IAM User Guide, *AWS JSON policy elements:
        /// Principal*).
        case byAccount
    }

    /// How `Principal` names the request's caller. A user or role ARN matches only itself (a role's ARN,
    /// its sessions); a role session ARN matches that session. `Service`, `Federated` and `CanonicalUser`
    /// entries never name an IAM user or role.
    func match(_ request: AccessRequest) -> Match {
        var match = Match.none
        let account = ARN(request.principalArn)
        for entry in entries where entry.kind == .aws {
            if entry.value == "*" || entry.value == request.principalArn || entry.value == request.callerArn {
                return .byName
            }
            if let account, let entryAccount = Self.account(named: entry.value), entryAccount.id == account.account,
                (entryAccount.partition ?? account.partition) == account.partition
            {
                match = .byAccount
            }
        }
        return match
    }

    /// Whether `Principal` names the request's caller at all.
    func names(_ request: AccessRequest) -> Bool { match(request) != .none }

    /// Whether `NotPrincipal` exempts the request's caller, so that the statement does not apply to it.
    ///
    /// "When you use NotPrincipal, you must also specify the account ARN of the not-denied principal.
    /// Otherwise, the policy might deny access to the entire account containing the principal … AWS verifies
    /// the account, then the role" (IAM User Guide, *AWS JSON policy elements: NotPrincipal*). Each identity
    /// the call carries must be listed: the account; for a user or federated user, its ARN; for a role
    /// session, the role's ARN and the session's (the guide's example lists all three).
    func exempts(_ request: AccessRequest) -> Bool {
        if isEveryone { return true }
        guard let arn = ARN(request.callerArn) ?? ARN(request.principalArn) else { return false }
        let accountListed = entries.contains { entry in
            guard entry.kind == .aws, let listed = Self.account(named: entry.value) else { return false }
            return listed.id == arn.account && (listed.partition ?? arn.partition) == arn.partition
        }
        guard accountListed else { return false }
        if arn.service == "iam", arn.resource == "root" { return true }
        func listed(_ arn: String) -> Bool { entries.contains { $0.kind == .aws && $0.value == arn } }
        return listed(request.callerArn) && listed(request.principalArn)
    }

    /// The account an entry names as a whole: a 12-digit ID, or `arn:PARTITION:iam::ID:root`.
    private static func account(named value: String) -> (id: String, partition: String?)? {
        if value.utf8.count == 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return (value, nil) }
        guard let arn = ARN(value), arn.service == "iam", arn.resource == "root" else { return nil }
        return (arn.account, arn.partition)
    }
}
