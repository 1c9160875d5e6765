import Foundation

extension ApiCall {
    /// The call as EventBridge delivers it ("AWS API Call via CloudTrail", `detail` holding the
    /// CloudTrail record), so an event pattern deployed in AWS can be matched against it as is.
    public var eventBridgeEvent: JSONValue {
        var parameters: [String: JSONValue] = [:]
        if let vaultName {
            // As CloudTrail records each request: a copy names its source vault, a restore only
            // the recovery point, the rest the vault they act on.
            switch action {
            case "StartCopyJob": parameters["sourceBackupVaultName"] = .string(vaultName)
            case "StartRestoreJob": break
            default: parameters["backupVaultName"] = .string(vaultName)
            }
        }
        if let recoveryPointArn { parameters["recoveryPointArn"] = .string(recoveryPointArn) }
        var detail: [String: JSONValue] = [
            "eventVersion": .string("1.08"),
            "eventTime": .string(UTC.iso(time)),
            "eventSource": .string("backup.amazonaws.com"),
            "eventName": .string(action),
            "awsRegion": .string(region),
            "userIdentity": principal.userIdentity,
            "requestParameters": parameters.isEmpty ? .null : .object(parameters),
            "responseElements": .null,
            "eventID": .string(id),
            "eventType": .string("AwsApiCall"),
            "readOnly": .bool(false),
            "managementEvent": .bool(true),
            "recipientAccountId": .string(accountId),
        ]
        if let sourceIPAddress { detail["sourceIPAddress"] = .string(sourceIPAddress) }
        if let userAgent { detail["userAgent"] = .string(userAgent) }
        if let errorCode { detail["errorCode"] = .string(errorCode) }
        if let errorMessage { detail["errorMessage"] = .string(errorMessage) }
        return .object([
            "version": .string("0"),
            "id": .string(id),
            "detail-type": .string("AWS API Call via CloudTrail"),
            "source": .string("aws.backup"),
            "account": .string(accountId),
            "time": .string(UTC.iso(time)),
            "region": .string(region),
            "resources": .array([]),
            "detail": .object(detail),
        ])
    }
}

extension Principal {
    /// `userIdentity` as CloudTrail writes it for this kind of identity: an ARN where CloudTrail
    /// gives one, `invokedBy` for a service, `onBehalfOf` for an Identity Center user, and the
    /// session issuer (a role, or the IAM user or root behind a federated user) when there is one.
    public var userIdentity: JSONValue {
        var identity: [String: JSONValue] = ["type": .string(kind.rawValue), "accountId": .string(accountId)]
        switch kind {
        case .root, .iamUser, .assumedRole, .role, .federatedUser: identity["arn"] = .string(arn)
        case .awsService: identity["invokedBy"] = .string(arn)
        case .identityCenterUser: identity["onBehalfOf"] = .object(["userId": .string(ARN(arn)?.shortName ?? arn)])
        case .awsAccount: break
        case .samlUser, .webIdentityUser: identity["userName"] = .string(arn)
        case .directory, .unknown: identity["principalId"] = .string(arn)
        }
        if let issuerArn {
            let issuerKind: Kind = issuerArn.hasSuffix(":root") ? .root : (issuerArn.contains(":user/") ? .iamUser : .role)
            identity["sessionContext"] = .object([
                "sessionIssuer": .object([
                    "type": .string(issuerKind.rawValue), "arn": .string(issuerArn), "accountId": .string(accountId),
                ])
            ])
        }
        return .object(identity)
    }
}
