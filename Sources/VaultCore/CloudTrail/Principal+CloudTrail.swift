extension Principal {
    /// Who made a call, from a CloudTrail record's `userIdentity`, for every type CloudTrail
    /// documents. `recipientAccount` stands in for an account the identity does not name (a
    /// service acting in the account). A session's role is `sessionContext.sessionIssuer.arn` (a
    /// federated user's issuer is the IAM user or root that federated it).
    public init(userIdentity identity: JSONValue, recipientAccount: String) throws(EventRejection) {
        guard identity.isObject else { throw .malformed("userIdentity is missing or not an object") }
        let typeName = identity["type"]?.nonEmptyString ?? "Unknown"
        let kind = Kind(rawValue: typeName) ?? .unknown
        let arn = identity["arn"]?.nonEmptyString
        let named = arn.flatMap(ARN.init)?.account
        let account = identity["accountId"]?.nonEmptyString ?? named.flatMap { $0.isEmpty ? nil : $0 } ?? recipientAccount
        let principalId = identity["principalId"]?.nonEmptyString
        let shown: String?
        switch kind {
        case .root: shown = arn ?? "arn:aws:iam::\(account):root"
        case .iamUser, .assumedRole, .role, .federatedUser: shown = arn ?? principalId
        case .awsService: shown = identity["invokedBy"]?.nonEmptyString ?? arn
        case .identityCenterUser:
            shown = identity["onBehalfOf"]?["userId"]?.nonEmptyString.map { "arn:aws:identitystore:::user/\($0)" } ?? arn
        case .awsAccount: shown = "arn:aws:iam::\(account):root"
        case .samlUser, .webIdentityUser: shown = identity["userName"]?.nonEmptyString ?? arn ?? principalId
        case .directory, .unknown: shown = arn ?? principalId ?? identity["userName"]?.nonEmptyString
        }
        guard let shown else {
            throw .malformed("userIdentity of type \(typeName) has no arn, principalId or name")
        }
        let issuer = identity["sessionContext"]?["sessionIssuer"]?["arn"]?.nonEmptyString
        self.init(kind: kind, arn: shown, issuerArn: issuer, accountId: account)
    }
}
