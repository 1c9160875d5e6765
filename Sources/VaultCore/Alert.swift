import Foundation

/// An unauthorized attempt of a sensitive action, raised by an alert rule from an `ApiCall`.
public struct Alert: Codable, Equatable, Sendable, Identifiable {
    public enum Severity: String, Codable, Sendable, Comparable {
        /// The call was refused (AccessDenied, a lock): a guardrail held.
        case warning
        /// The call succeeded: a guardrail did not hold.
        case critical

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .critical }
    }

    /// A stable id derived from the CloudTrail event id, so the same event never raises two alerts.
    public var id: String
    public var callId: String
    public var time: Date
    public var action: String
    public var principal: Principal
    public var vaultName: String?
    public var recoveryPointArn: String?
    /// The call's error code, or `succeeded`.
    public var outcome: String
    public var errorMessage: String?
    public var severity: Severity
    public var ruleName: String
    public var sourceIPAddress: String?

    public init(raisedBy rule: String, for call: ApiCall) {
        id = Alert.id(forCall: call.id)
        callId = call.id
        time = call.time
        action = call.action
        principal = call.principal
        vaultName = call.vaultName
        recoveryPointArn = call.recoveryPointArn
        outcome = call.outcome
        errorMessage = call.errorMessage
        severity = call.succeeded ? .critical : .warning
        ruleName = rule
        sourceIPAddress = call.sourceIPAddress
    }

    /// An alert as stored, field by field (a loader's fast path).
    public init(
        id: String, callId: String, time: Date, action: String, principal: Principal, vaultName: String?,
        recoveryPointArn: String?, outcome: String, errorMessage: String?, severity: Severity, ruleName: String,
        sourceIPAddress: String?
    ) {
        self.id = id
        self.callId = callId
        self.time = time
        self.action = action
        self.principal = principal
        self.vaultName = vaultName
        self.recoveryPointArn = recoveryPointArn
        self.outcome = outcome
        self.errorMessage = errorMessage
        self.severity = severity
        self.ruleName = ruleName
        self.sourceIPAddress = sourceIPAddress
    }

    /// 16 hex digits of FNV-1a over the event id. Operators type a unique prefix (8 are shown).
    public static func id(forCall callId: String) -> String { FNV1a.hex(callId) }

    public var shortId: String { String(id.prefix(8)) }
}

/// An operator's acknowledgement of an alert: a record of its own, never an edit of the alert.
public struct Acknowledgement: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var alertId: String
    /// Who acknowledged: `user@host` of the operator.
    public var by: String
    public var at: Date
    public var note: String?

    public init(id: String, alertId: String, by: String, at: Date, note: String?) {
        self.id = id
        self.alertId = alertId
        self.by = by
        self.at = at
        self.note = note
    }
}
