import Foundation
import VaultCore

/// The fast path for the audit files and the activity log's calls: decodes an `alert`,
/// `acknowledgement` or `call` line of a readable schema (schema 2's `prev` included) into its
/// record with no `JSONDecoder`. Their payloads are flat: texts, dates, and a principal of texts.
/// Keys may come in any order, with any whitespace and escapes.
///
/// Like `PointLineDecoder`, it takes only lines it understands completely: another record type,
/// another schema, an unknown or repeated key, a value of another kind, a date it cannot read,
/// anything malformed. For those it returns nil having changed nothing, and the caller decodes the
/// line with `RecordDecoder`, so what is reported or thrown is exactly what that says.
struct FlatLineDecoder: LineEnvelopeDecoder {
    var scratch: [UInt8] = []
    static let chained = true
    /// The set of `data`'s fields the last line held.
    private var fields = 0
    /// What each key of `data` (by `Field`) and of its principal (by `PrincipalField`) held.
    private var values = [Value](repeating: .absent, count: Field.allCases.count)
    private var principal = [Value](repeating: .absent, count: PrincipalField.allCases.count)
    /// The texts lines repeat, made into strings once (not the ids, which never repeat).
    private var repeated = RepeatedStrings()
    /// How much of an alert is made.
    private let alertReading: AlertReading

    init(alerts: AlertReading = .whole) {
        alertReading = alerts
    }

    private enum Value {
        case absent, null
        case text(JSONScanner.Text)
    }

    private enum Kind { case alert, acknowledgement, call }

    mutating func decode(_ line: UnsafeRawBufferPointer) -> (record: Record, seq: Int)? {
        scratch.removeAll(keepingCapacity: true)
        for i in values.indices { values[i] = .absent }
        for i in principal.indices { principal[i] = .absent }
        fields = 0
        guard let (type, number) = scanEnvelope(line) else { return nil }
        let kind: Kind
        if text(type, in: line, is: "alert") {
            kind = .alert
        } else if text(type, in: line, is: "acknowledgement") {
            kind = .acknowledgement
        } else if text(type, in: line, is: "call") {
            kind = .call
        } else {
            return nil
        }
        let record: Record?
        switch kind {
        case .alert: record = fields & ~Self.alertFields == 0 ? alert(line).map(Record.alert) : nil
        case .acknowledgement: record = fields & ~Self.ackFields == 0 ? acknowledgement(line).map(Record.acknowledgement) : nil
        case .call: record = fields & ~Self.callFields == 0 ? call(line).map(Record.call) : nil
        }
        return record.map { ($0, number) }
    }

    // MARK: - Scanning

    /// Reads `data`'s texts and nulls into `values`; the set of fields seen, or nil when anything
    /// is not as these records write it.
    mutating func scanData(_ s: inout JSONScanner, line: UnsafeRawBufferPointer) -> Bool {
        guard let found = scanFields(&s, line: line) else { return false }
        fields = found
        return true
    }

    private mutating func scanFields(_ s: inout JSONScanner, line: UnsafeRawBufferPointer) -> Int? {
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return nil }
        if s.take(UInt8(ascii: "}")) { return seen }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")),
                let field = scratch.withUnsafeBytes({ Field.named(key.bytes(line: line, scratch: $0)) }),
                seen & field.bit == 0
            else { return nil }
            seen |= field.bit
            if field == .principal {
                guard scanPrincipal(&s, line: line) else { return nil }
            } else {
                guard let value = scalar(&s) else { return nil }
                values[field.rawValue] = value
            }
        } while s.take(UInt8(ascii: ","))
        return s.take(UInt8(ascii: "}")) ? seen : nil
    }

    private mutating func scanPrincipal(_ s: inout JSONScanner, line: UnsafeRawBufferPointer) -> Bool {
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return false }
        if s.take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")),
                let field = scratch.withUnsafeBytes({ PrincipalField.named(key.bytes(line: line, scratch: $0)) }),
                seen & (1 << field.rawValue) == 0, let value = scalar(&s)
            else { return false }
            seen |= 1 << field.rawValue
            principal[field.rawValue] = value
        } while s.take(UInt8(ascii: ","))
        return s.take(UInt8(ascii: "}"))
    }

    /// A text or null.
    private mutating func scalar(_ s: inout JSONScanner) -> Value? {
        // Nearly every value is a text: `null` is looked for only where an `n` begins it.
        if s.peek() == UInt8(ascii: "n") { return s.take("null") ? .null : nil }
        return s.string(scratch: &scratch).map(Value.text)
    }

    // MARK: - Records

    private mutating func alert(_ line: UnsafeRawBufferPointer) -> Alert? {
        var vaultName, recoveryPointArn, errorMessage, sourceIPAddress, accountId, region: String?
        var callId = "", ruleName = ""
        if alertReading == .whole {
            guard let call = unique(.callId, line), optional(.recoveryPointArn, line, &recoveryPointArn),
                optional(.errorMessage, line, &errorMessage), let rule = required(.ruleName, line),
                optional(.sourceIPAddress, line, &sourceIPAddress)
            else { return nil }
            callId = call
            ruleName = rule
        } else {
            // Not made, but there as a whole read takes them (the optional ones, scanned as a
            // text or null, always are).
            guard isText(.callId), isText(.ruleName) else { return nil }
        }
        guard let id = unique(.id, line), let time = date(.time, line),
            let action = required(.action, line), let principal = principal(line),
            optional(.vaultName, line, &vaultName), optional(.accountId, line, &accountId),
            optional(.region, line, &region), let outcome = required(.outcome, line),
            let severity = required(.severity, line).flatMap(Alert.Severity.init(rawValue:))
        else { return nil }
        return Alert(
            id: id, callId: callId, time: time, action: action, principal: principal, vaultName: vaultName,
            accountId: accountId ?? "", region: region ?? "", recoveryPointArn: recoveryPointArn, outcome: outcome, errorMessage: errorMessage, severity: severity,
            ruleName: ruleName, sourceIPAddress: sourceIPAddress)
    }

    private mutating func acknowledgement(_ line: UnsafeRawBufferPointer) -> Acknowledgement? {
        var note: String?
        guard let id = unique(.id, line), let alertId = unique(.alertId, line), let by = required(.by, line),
            let at = date(.at, line), optional(.note, line, &note)
        else { return nil }
        return Acknowledgement(id: id, alertId: alertId, by: by, at: at, note: note)
    }

    private mutating func call(_ line: UnsafeRawBufferPointer) -> ApiCall? {
        var sourceIPAddress, userAgent, vaultName, recoveryPointArn, errorCode, errorMessage: String?
        guard let id = unique(.id, line), let time = date(.time, line), let action = required(.action, line),
            let principal = principal(line), optional(.sourceIPAddress, line, &sourceIPAddress),
            optional(.userAgent, line, &userAgent), optional(.vaultName, line, &vaultName),
            optional(.recoveryPointArn, line, &recoveryPointArn), optional(.errorCode, line, &errorCode),
            optional(.errorMessage, line, &errorMessage), let accountId = required(.accountId, line),
            let region = required(.region, line)
        else { return nil }
        return ApiCall(
            id: id, time: time, action: action, principal: principal, sourceIPAddress: sourceIPAddress,
            userAgent: userAgent, vaultName: vaultName, recoveryPointArn: recoveryPointArn, errorCode: errorCode,
            errorMessage: errorMessage, accountId: accountId, region: region)
    }

    /// The principal, when `data` had one with every field it needs (an absent one has none).
    private mutating func principal(_ line: UnsafeRawBufferPointer) -> Principal? {
        var issuerArn: String?
        guard let kind = string(principal[PrincipalField.kind.rawValue], line).flatMap(Principal.Kind.init(rawValue:)),
            let arn = string(principal[PrincipalField.arn.rawValue], line),
            optional(principal[PrincipalField.issuerArn.rawValue], line, &issuerArn),
            let accountId = string(principal[PrincipalField.accountId.rawValue], line)
        else { return nil }
        return Principal(kind: kind, arn: arn, issuerArn: issuerArn, accountId: accountId)
    }

    private mutating func required(_ field: Field, _ line: UnsafeRawBufferPointer) -> String? {
        string(values[field.rawValue], line)
    }

    /// Reads an optional text into `out`: false when the value is there and neither text nor null.
    private mutating func optional(_ field: Field, _ line: UnsafeRawBufferPointer, _ out: inout String?) -> Bool {
        optional(values[field.rawValue], line, &out)
    }

    private mutating func optional(_ value: Value, _ line: UnsafeRawBufferPointer, _ out: inout String?) -> Bool {
        if case .text = value { out = string(value, line) }
        return true
    }

    private mutating func string(_ value: Value, _ line: UnsafeRawBufferPointer) -> String? {
        guard case .text(let t) = value else { return nil }
        return scratch.withUnsafeBytes { repeated.string(t.bytes(line: line, scratch: $0)) }
    }

    private func isText(_ field: Field) -> Bool {
        if case .text = values[field.rawValue] { return true }
        return false
    }

    /// An id: a text no other line holds, made into a string of its own.
    private func unique(_ field: Field, _ line: UnsafeRawBufferPointer) -> String? {
        guard case .text(let t) = values[field.rawValue] else { return nil }
        return scratch.withUnsafeBytes { String(decoding: t.bytes(line: line, scratch: $0), as: UTF8.self) }
    }

    private func date(_ field: Field, _ line: UnsafeRawBufferPointer) -> Date? {
        guard case .text(let t) = values[field.rawValue] else { return nil }
        return scratch.withUnsafeBytes { StoreDate.parse(t.bytes(line: line, scratch: $0)) }
    }

    // MARK: - Names

    /// The keys of the three payloads.
    private enum Field: Int, CaseIterable {
        case id, callId, time, action, principal, vaultName, recoveryPointArn, outcome, errorMessage, severity
        case ruleName, sourceIPAddress, alertId, by, at, note, userAgent, errorCode, accountId, region

        var bit: Int { 1 << rawValue }

        var name: StaticString {
            switch self {
            case .id: return "id"
            case .callId: return "callId"
            case .time: return "time"
            case .action: return "action"
            case .principal: return "principal"
            case .vaultName: return "vaultName"
            case .recoveryPointArn: return "recoveryPointArn"
            case .outcome: return "outcome"
            case .errorMessage: return "errorMessage"
            case .severity: return "severity"
            case .ruleName: return "ruleName"
            case .sourceIPAddress: return "sourceIPAddress"
            case .alertId: return "alertId"
            case .by: return "by"
            case .at: return "at"
            case .note: return "note"
            case .userAgent: return "userAgent"
            case .errorCode: return "errorCode"
            case .accountId: return "accountId"
            case .region: return "region"
            }
        }

        /// Picked by length and first letter, then compared once (not each name in turn: a key
        /// of every line of the audit trail comes through here).
        static func named(_ key: UnsafeRawBufferPointer) -> Field? {
            guard let first = key.first else { return nil }
            let candidate: Field
            switch (key.count, first) {
            case (2, UInt8(ascii: "i")): candidate = .id
            case (2, UInt8(ascii: "b")): candidate = .by
            case (2, _): candidate = .at
            case (4, UInt8(ascii: "t")): candidate = .time
            case (4, _): candidate = .note
            case (6, UInt8(ascii: "c")): candidate = .callId
            case (6, UInt8(ascii: "a")): candidate = .action
            case (6, _): candidate = .region
            case (7, UInt8(ascii: "o")): candidate = .outcome
            case (7, _): candidate = .alertId
            case (8, UInt8(ascii: "s")): candidate = .severity
            case (8, _): candidate = .ruleName
            case (9, UInt8(ascii: "p")): candidate = .principal
            case (9, UInt8(ascii: "v")): candidate = .vaultName
            case (9, UInt8(ascii: "u")): candidate = .userAgent
            case (9, UInt8(ascii: "e")): candidate = .errorCode
            case (9, _): candidate = .accountId
            case (12, _): candidate = .errorMessage
            case (15, _): candidate = .sourceIPAddress
            case (16, _): candidate = .recoveryPointArn
            default: return nil
            }
            return sameBytes(key, candidate.name) ? candidate : nil
        }
    }

    private enum PrincipalField: Int, CaseIterable {
        case kind, arn, issuerArn, accountId

        static func named(_ key: UnsafeRawBufferPointer) -> PrincipalField? {
            if sameBytes(key, "kind") { return .kind }
            if sameBytes(key, "arn") { return .arn }
            if sameBytes(key, "issuerArn") { return .issuerArn }
            if sameBytes(key, "accountId") { return .accountId }
            return nil
        }
    }

    private static func mask(_ fields: [Field]) -> Int { fields.reduce(0) { $0 | $1.bit } }

    private static let alertFields = mask([
        .id, .callId, .time, .action, .principal, .vaultName, .recoveryPointArn, .outcome, .errorMessage, .severity,
        .ruleName, .sourceIPAddress, .accountId, .region,
    ])
    private static let ackFields = mask([.id, .alertId, .by, .at, .note])
    private static let callFields = mask([
        .id, .time, .action, .principal, .sourceIPAddress, .userAgent, .vaultName, .recoveryPointArn, .errorCode,
        .errorMessage, .accountId, .region,
    ])
}
