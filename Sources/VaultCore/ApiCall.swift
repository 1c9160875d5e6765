import Foundation

/// One call to AWS Backup as CloudTrail records it (the `detail` of an EventBridge
/// "AWS API Call via CloudTrail" event). `errorCode` is nil when the call succeeded.
public struct ApiCall: Codable, Equatable, Sendable, Identifiable {
    /// CloudTrail's `eventID`.
    public var id: String
    public var time: Date
    /// `eventName`, e.g. `DeleteRecoveryPoint`.
    public var action: String
    public var principal: Principal
    public var sourceIPAddress: String?
    public var userAgent: String?
    public var vaultName: String?
    public var recoveryPointArn: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var accountId: String
    public var region: String

    public init(
        id: String, time: Date, action: String, principal: Principal, sourceIPAddress: String? = nil,
        userAgent: String? = nil, vaultName: String? = nil, recoveryPointArn: String? = nil,
        errorCode: String? = nil, errorMessage: String? = nil, accountId: String, region: String
    ) {
        self.id = id
        self.time = time
        self.action = action
        self.principal = principal
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.vaultName = vaultName
        self.recoveryPointArn = recoveryPointArn
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.accountId = accountId
        self.region = region
    }

    public var succeeded: Bool { errorCode == nil }

    /// `AccessDenied`, `InvalidRequestException`, or `succeeded`.
    public var outcome: String { errorCode ?? "succeeded" }
}
