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

    /// Whether `Principal` names the IAM principal `principalArn` (a user, a role as `aws:PrincipalArn`
    /// reports it, or an account's root).
    ///
    /// "When you specify an AWS account [its ID or `arn:aws:iam::ID:root`] … you delegate to the account":
    /// any principal of that account matches. A user or role ARN matches only itself. `Service`,
    /// `Federated` and `CanonicalUser` entries never name an IAM user or role (IAM User Guide, *AWS JSON
    /// policy elements: Principal*).
    func names(_ principalArn: String) -> Bool {
        let account = ARN(principalArn)
        return entries.contains { entry in
            guard entry.kind == .aws else { return false }
            if entry.value == "*" || entry.value == principalArn { return true }
            guard let account, let entryAccount = Self.account(named: entry.value) else { return false }
            return entryAccount.id == account.account
                && (entryAccount.partition ?? account.partition) == account.partition
        }
    }

    /// Whether `NotPrincipal` exempts `principalArn`, so that the statement does not apply to it.
    ///
    /// "When you use NotPrincipal, you must also specify the account ARN of the not-denied principal.
    /// Otherwise, the policy might deny access to the entire account containing the principal … AWS verifies
    /// the account, then the role" (IAM User Guide, *AWS JSON policy elements: NotPrincipal*). So a user or
    /// role is exempt only when both its account and its own ARN are listed; an account's root needs only
    /// the account.
    func exempts(_ principalArn: String) -> Bool {
        if isEveryone { return true }
        guard let arn = ARN(principalArn) else { return false }
        let accountListed = entries.contains { entry in
            guard entry.kind == .aws, let listed = Self.account(named: entry.value) else { return false }
            return listed.id == arn.account && (listed.partition ?? arn.partition) == arn.partition
        }
        guard accountListed else { return false }
        if arn.service == "iam", arn.resource == "root" { return true }
        return entries.contains { $0.kind == .aws && $0.value == principalArn }
    }

    /// The account an entry names as a whole: a 12-digit ID, or `arn:PARTITION:iam::ID:root`.
    private static func account(named value: String) -> (id: String, partition: String?)? {
        if value.utf8.count == 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return (value, nil) }
        guard let arn = ARN(value), arn.service == "iam", arn.resource == "root" else { return nil }
        return (arn.account, arn.partition)
    }
}
