/// Who signs a request, read from the ARN STS `GetCallerIdentity` reports, and what IAM derives from it
/// (IAM User Guide, *AWS global condition context keys*: `aws:PrincipalArn`, `aws:PrincipalAccount`,
/// `aws:PrincipalType`, `aws:username`, `aws:userid`).
public struct Caller: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// `arn:aws:sts::111122223333:assumed-role/Role/session`.
        case roleSession
        /// `arn:aws:iam::111122223333:user/path/name`.
        case user
        /// `arn:aws:iam::111122223333:root`.
        case root
        /// `arn:aws:sts::111122223333:federated-user/name` (`GetFederationToken`).
        case federatedUser
        /// A role, as `aws:PrincipalArn` names it, when the caller is given that way (a session counts as it).
        case role
    }

    /// The ARN as given: a session, a user, root or a federated user.
    public let arn: String
    public let kind: Kind
    public let partition: String
    public let account: String
    /// For a role session: the role's name (its path is not part of a session ARN) and the session's.
    public let roleName: String?
    public let sessionName: String?

    /// Reads a caller ARN; `nil` with the reason when it is not one IAM would report.
    public static func parse(_ text: String) -> Result<Caller, CallerError> {
        guard let arn = ARN(text), !arn.account.isEmpty else {
            return .failure(CallerError("\"\(text)\" is not an ARN with an account"))
        }
        let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (arn.service, parts.first) {
        case ("iam", "root") where parts.count == 1:
            return .success(Caller(arn: text, kind: .root, arnParts: arn))
        case ("iam", "user") where parts.count >= 2 && !parts.last!.isEmpty:
            return .success(Caller(arn: text, kind: .user, arnParts: arn))
        case ("iam", "role") where parts.count >= 2 && !parts.last!.isEmpty:
            return .success(Caller(arn: text, kind: .role, arnParts: arn, role: parts.last))
        case ("sts", "assumed-role") where parts.count == 3 && !parts[1].isEmpty && !parts[2].isEmpty:
            return .success(Caller(arn: text, kind: .roleSession, arnParts: arn, role: parts[1], session: parts[2]))
        case ("sts", "federated-user") where parts.count == 2 && !parts[1].isEmpty:
            return .success(Caller(arn: text, kind: .federatedUser, arnParts: arn))
        default:
            return .failure(
                CallerError(
                    "\"\(text)\" is not a role session, user, root or federated user ARN "
                        + "(e.g. arn:aws:sts::111122223333:assumed-role/Role/session)"))
        }
    }

    private init(arn: String, kind: Kind, arnParts: ARN, role: String? = nil, session: String? = nil) {
        self.arn = arn
        self.kind = kind
        partition = arnParts.partition
        account = arnParts.account
        roleName = role
        sessionName = session
    }

    /// `aws:PrincipalArn`: the role behind a session (a role with a path needs `aws:PrincipalArn` in the
    /// context, since a session ARN does not carry the path), else the caller's own ARN.
    public var principalArn: String {
        if kind == .roleSession, let roleName { return "arn:\(partition):iam::\(account):role/\(roleName)" }
        return arn
    }

    /// `aws:PrincipalType`.
    public var principalType: String {
        switch kind {
        case .root: "Account"
        case .user: "User"
        case .federatedUser: "FederatedUser"
        case .roleSession, .role: "AssumedRole"
        }
    }

    /// `aws:username`: set for IAM users only.
    public var userName: String? { kind == .user ? ARN(arn)?.shortName : nil }

    /// `aws:userid` where it follows from the ARN alone: the account for root, `account:name` for a
    /// federated user. A role's or user's unique ID (`AROA…`, `AIDA…`) is not in its ARN.
    public var userID: String? {
        switch kind {
        case .root: account
        case .federatedUser: ARN(arn).map { "\(account):\($0.shortName)" }
        default: nil
        }
    }

    /// The keys IAM derives from the caller, for a request that does not give them itself.
    public var derivedContext: [String: [String]] {
        var keys: [String: [String]] = [
            "aws:PrincipalArn": [principalArn], "aws:PrincipalAccount": [account],
            "aws:PrincipalType": [principalType], "aws:PrincipalIsAWSService": ["false"],
        ]
        if let userName { keys["aws:username"] = [userName] }
        if let userID { keys["aws:userid"] = [userID] }
        if kind == .roleSession, let sessionName { keys["aws:RoleSessionName"] = [sessionName] }
        return keys
    }
}

/// Why a caller ARN was refused.
public struct CallerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
