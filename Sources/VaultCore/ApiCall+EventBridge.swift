import Foundation

extension ApiCall {
    /// The call as EventBridge delivers it ("AWS API Call via CloudTrail", `detail` holding the
    /// CloudTrail record), so an event pattern deployed in AWS can be matched against it as is.
    public var eventBridgeEvent: JSONValue {
        var identity: [String: JSONValue] = [
            "type": .string(principal.kind.rawValue),
            "arn": .string(principal.arn),
            "accountId": .string(principal.accountId),
        ]
        if let issuer = principal.issuerArn {
            identity["sessionContext"] = .object([
                "sessionIssuer": .object([
                    "type": .string("Role"), "arn": .string(issuer), "accountId": .string(principal.accountId),
                ])
            ])
        }
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
            "userIdentity": .object(identity),
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
