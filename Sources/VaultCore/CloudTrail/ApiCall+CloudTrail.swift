import Foundation

extension ApiCall {
    /// The EventBridge `detail-type` of a CloudTrail-recorded API call.
    public static let apiCallDetailType = "AWS API Call via CloudTrail"

    /// The call an EventBridge "AWS API Call via CloudTrail" event from AWS Backup reports: the
    /// inverse of `eventBridgeEvent`, so an alert rule judges the call as it would judge the event
    /// in AWS. The envelope's `account` and `region` stand in for a record without
    /// `recipientAccountId` or `awsRegion` (the envelope may lack `account`: moto leaves it out).
    public init(eventBridgeEvent event: JSONValue) throws(EventRejection) {
        guard event.isObject else { throw .malformed("not a JSON object") }
        guard let detailType = event["detail-type"]?.string else {
            throw .malformed("no detail-type: not an EventBridge event")
        }
        let source = event["source"]?.string ?? ""
        guard source == "aws.backup" else {
            throw .unrelated("an event from \(source.isEmpty ? "no source" : source), not aws.backup (\(detailType))")
        }
        guard detailType == Self.apiCallDetailType else {
            throw .unrelated("an AWS Backup \"\(detailType)\" event, not an API call via CloudTrail")
        }
        guard let detail = event["detail"], detail.isObject else { throw .malformed("detail is missing or not an object") }
        try self.init(
            cloudTrailRecord: detail, account: event["account"]?.nonEmptyString, region: event["region"]?.nonEmptyString)
    }

    /// The call a CloudTrail record reports (as in a trail's files, and in LookupEvents'
    /// `CloudTrailEvent` string). Only AWS Backup API calls (`eventSource` `backup.amazonaws.com`,
    /// `eventType` `AwsApiCall`) are calls vaultwatch judges; others are rejected as unrelated.
    public init(cloudTrailRecord record: JSONValue, account: String? = nil, region: String? = nil) throws(EventRejection) {
        guard record.isObject else { throw .malformed("the CloudTrail record is not a JSON object") }
        guard let eventSource = record["eventSource"]?.nonEmptyString else {
            throw .malformed("no eventSource: not a CloudTrail record")
        }
        guard eventSource == "backup.amazonaws.com" else {
            throw .unrelated("a call to \(eventSource), not backup.amazonaws.com")
        }
        if let type = record["eventType"]?.string, type != "AwsApiCall" {
            throw .unrelated("a CloudTrail \(type) record, not an API call")
        }
        guard let id = record["eventID"]?.nonEmptyString else { throw .malformed("no eventID") }
        guard let name = record["eventName"]?.nonEmptyString else { throw .malformed("no eventName") }
        guard let timeText = record["eventTime"]?.string else { throw .malformed("no eventTime") }
        guard let time = UTC.parseISO(timeText) else { throw .malformed("eventTime \"\(timeText)\" is not an ISO 8601 instant") }
        guard let accountId = record["recipientAccountId"]?.nonEmptyString ?? account else {
            throw .malformed("no recipientAccountId, and no account on the event")
        }
        guard let regionName = record["awsRegion"]?.nonEmptyString ?? region else { throw .malformed("no awsRegion") }
        guard let identity = record["userIdentity"] else { throw .malformed("no userIdentity") }
        let parameters = record["requestParameters"] ?? .null
        self.init(
            id: id, time: time, action: name,
            principal: try Principal(userIdentity: identity, recipientAccount: accountId),
            sourceIPAddress: record["sourceIPAddress"]?.nonEmptyString, userAgent: record["userAgent"]?.nonEmptyString,
            vaultName: Self.vaultName(in: parameters), recoveryPointArn: parameters["recoveryPointArn"]?.nonEmptyString,
            errorCode: record["errorCode"]?.nonEmptyString, errorMessage: record["errorMessage"]?.nonEmptyString,
            accountId: accountId, region: regionName)
    }

    /// Either form, told apart by shape: an EventBridge event has a `detail-type`, a CloudTrail
    /// record an `eventSource` or `eventID`.
    public init(event value: JSONValue) throws(EventRejection) {
        guard value.isObject else { throw .malformed("not a JSON object") }
        if value["detail-type"] != nil {
            try self.init(eventBridgeEvent: value)
        } else if value["eventSource"] != nil || value["eventID"] != nil {
            try self.init(cloudTrailRecord: value)
        } else {
            throw .malformed("neither an EventBridge event (no detail-type) nor a CloudTrail record (no eventSource)")
        }
    }

    /// The vault a request names, as CloudTrail records AWS Backup's parameters: the vault acted
    /// on, else a copy's source vault, else the vault an ARN names (a copy's destination).
    static func vaultName(in parameters: JSONValue) -> String? {
        for key in ["backupVaultName", "sourceBackupVaultName"] {
            if let name = parameters[key]?.nonEmptyString { return name }
        }
        for key in ["backupVaultArn", "destinationBackupVaultArn", "sourceBackupVaultArn"] {
            if let arn = parameters[key]?.nonEmptyString.flatMap(ARN.init), arn.resource.hasPrefix("backup-vault:") {
                let name = String(arn.resource.dropFirst("backup-vault:".count))
                if !name.isEmpty { return name }
            }
        }
        return nil
    }
}
