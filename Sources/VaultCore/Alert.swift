import Foundation

/// An unauthorized attempt of a sensitive action, raised by an alert rule from an `ApiCall`.
///
/// An alert read for a listing (the store's `AlertReading.listed`: `vaultwatch alerts` without
/// `--json`) may have an empty `callId` and `ruleName`, and no `recoveryPointArn`, `errorMessage`
/// or `sourceIPAddress`, whatever its line holds (see `AlertReading`).
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
    /// The account and region the call was made in (the vault's, when it names one). Empty in an
    /// alert written before schema 3.
    public var accountId: String
    public var region: String
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
        accountId = call.accountId
        region = call.region
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
        accountId: String = "", region: String = "", recoveryPointArn: String?, outcome: String, errorMessage: String?, severity: Severity, ruleName: String,
        sourceIPAddress: String?
    ) {
        self.id = id
        self.callId = callId
        self.time = time
        self.action = action
        self.principal = principal
        self.vaultName = vaultName
        self.accountId = accountId
        self.region = region
        self.recoveryPointArn = recoveryPointArn
        self.outcome = outcome
        self.errorMessage = errorMessage
        self.severity = severity
        self.ruleName = ruleName
        self.sourceIPAddress = sourceIPAddress
    }

    /// 16 hex digits of FNV-1a over the event id. Operators type a unique prefix (8 are shown).
    public static func id(forCall callId: String) -> String { FNV1a.hex(callId) }

    /// The id's first eight characters. Inlinable: a listing reading alerts in place asks it of
    /// one without copying the alert.
    @inlinable public var shortId: String { Self.shortId(of: id) }

    /// The first eight characters of `id`. Of an id vaultwatch made (hex) they are its first eight
    /// bytes: taken so when those and the next are ASCII and none is a CR (of CR LF, one
    /// character of two), without looking for grapheme breaks.
    public static func shortId(of id: String) -> String {
        var id = id
        let head = id.withUTF8 { bytes -> String? in
            let first = UnsafeBufferPointer(rebasing: bytes.prefix(9))
            guard first.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: first.prefix(8)), as: UTF8.self)
        }
        return head ?? String(id.prefix(8))
    }

    /// The vault the call named, where it was made.
    public var vaultKey: VaultKey? {
        vaultName.map { VaultKey(accountId: accountId, region: region, name: $0) }
    }
}

extension Alert {
    private enum CodingKeys: String, CodingKey {
        case id, callId, time, action, principal, vaultName, accountId, region, recoveryPointArn, outcome
        case errorMessage, severity, ruleName, sourceIPAddress
    }

    /// An alert written before schema 3 has no `accountId` or `region`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), callId: try c.decode(String.self, forKey: .callId),
            time: try c.decode(Date.self, forKey: .time), action: try c.decode(String.self, forKey: .action),
            principal: try c.decode(Principal.self, forKey: .principal),
            vaultName: try c.decodeIfPresent(String.self, forKey: .vaultName),
            accountId: try c.decodeIfPresent(String.self, forKey: .accountId) ?? "",
            region: try c.decodeIfPresent(String.self, forKey: .region) ?? "",
            recoveryPointArn: try c.decodeIfPresent(String.self, forKey: .recoveryPointArn),
            outcome: try c.decode(String.self, forKey: .outcome),
            errorMessage: try c.decodeIfPresent(String.self, forKey: .errorMessage),
            severity: try c.decode(Severity.self, forKey: .severity), ruleName: try c.decode(String.self, forKey: .ruleName),
            sourceIPAddress: try c.decodeIfPresent(String.self, forKey: .sourceIPAddress))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(callId, forKey: .callId)
        try c.encode(time, forKey: .time)
        try c.encode(action, forKey: .action)
        try c.encode(principal, forKey: .principal)
        try c.encodeIfPresent(vaultName, forKey: .vaultName)
        if !accountId.isEmpty { try c.encode(accountId, forKey: .accountId) }
        if !region.isEmpty { try c.encode(region, forKey: .region) }
        try c.encodeIfPresent(recoveryPointArn, forKey: .recoveryPointArn)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try c.encode(severity, forKey: .severity)
        try c.encode(ruleName, forKey: .ruleName)
        try c.encodeIfPresent(sourceIPAddress, forKey: .sourceIPAddress)
    }
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
