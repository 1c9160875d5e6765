import Foundation
import VaultCore

/// Whether the records agree with one another: every acknowledgement names an alert the store
/// holds, and every alert the call it was raised for, saying what that call says (action,
/// principal, time, outcome and severity, vault, recovery point, error, source address, account
/// and region) under the id that call gives. A deleted alert (and its call) leaves its
/// acknowledgement dangling; a forged alert names no call, or a call that says otherwise.
enum ReferenceCheck {
    /// An alert and where it is.
    private struct Claim {
        var line: Int
        var alert: Alert
    }

    static func run(calls: [UInt8], alerts: [UInt8], acks: [UInt8], in root: StoreDirectory) throws(StoreError) -> ReferenceReport {
        var report = ReferenceReport()
        // Alerts first: only the calls they name are kept while the (larger) calls are read.
        var claims: [String: [Claim]] = [:]
        var alertIds = Set<String>()
        try each(alerts, of: .alerts, in: root) { record, line in
            guard case .alert(let alert) = record else { return }
            alertIds.insert(alert.id)
            report.alerts += 1
            if alert.id != Alert.id(forCall: alert.callId) {
                dangle(
                    &report,
                    "alerts.jsonl:\(line): its id \(Quoted(alert.id)) is not the one call \(Quoted(alert.callId)) gives"
                        + " (\(Alert.id(forCall: alert.callId)))")
            }
            claims[alert.callId, default: []].append(Claim(line: line, alert: alert))
        }
        try each(calls, of: .events, in: root) { record, _ in
            guard case .call(let call) = record, let said = claims.removeValue(forKey: call.id) else { return }
            for claim in said {
                let differ = differences(claim.alert, call)
                guard !differ.isEmpty else { continue }
                dangle(
                    &report,
                    "alerts.jsonl:\(claim.line): does not agree with call \(Quoted(call.id)) it was raised for"
                        + " (its \(differ.joined(separator: ", ")) \(differ.count == 1 ? "differs" : "differ") from what events.jsonl holds)")
            }
        }
        for (callId, said) in claims.sorted(by: { $0.value[0].line < $1.value[0].line }) {
            for claim in said {
                dangle(&report, "alerts.jsonl:\(claim.line): raised for call \(Quoted(callId)), which events.jsonl does not hold")
            }
        }
        try each(acks, of: .acks, in: root) { record, line in
            guard case .acknowledgement(let ack) = record else { return }
            report.acknowledgements += 1
            if !alertIds.contains(ack.alertId) {
                dangle(&report, "acks.jsonl:\(line): acknowledges alert \(Quoted(ack.alertId)), which alerts.jsonl does not hold")
            }
        }
        return report
    }

    /// Why a digest must not vouch for the lines of `file` in `bytes` (from `firstLine` on): the
    /// first that cannot be read (when `unreadable` counts), else (in alerts.jsonl) the first alert
    /// whose id is not the one its call gives (a made-up alert reusing another's call). Nil when
    /// there is none. One pass: for a writer about to vouch for what was appended.
    enum Unvouchable: Equatable {
        case unreadable(line: Int, why: String)
        case misnamed(String)
    }

    static func unvouchable(
        in bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory, unreadable counts: Bool
    ) throws(StoreError) -> Unvouchable? {
        var misnamed: String?
        let problems = try each(bytes, of: file, in: root) { record, line in
            guard misnamed == nil, case .alert(let alert) = record, alert.id != Alert.id(forCall: alert.callId) else { return }
            misnamed = "its line \(firstLine + line - 1) is an alert whose id \(Quoted(alert.id)) is not the one its call"
                + " \(Quoted(alert.callId)) gives (added by hand?)"
        }
        if counts, let unreadable = problems.first {
            return .unreadable(line: firstLine + (unreadable.line ?? 1) - 1, why: unreadable.message)
        }
        return misnamed.map(Unvouchable.misnamed)
    }

    /// What of `alert` is not what its rule would have raised for `call` (every field but the
    /// rule's name). An alert stored before schema 3 has no account or region to compare.
    static func differences(_ alert: Alert, _ call: ApiCall) -> [String] {
        let raised = Alert(raisedBy: alert.ruleName, for: call)
        let before3 = alert.accountId.isEmpty && alert.region.isEmpty
        let fields: [(String, Bool)] = [
            ("action", alert.action == raised.action), ("principal", alert.principal == raised.principal),
            ("time", alert.time == raised.time), ("outcome", alert.outcome == raised.outcome),
            ("severity", alert.severity == raised.severity), ("vault", alert.vaultName == raised.vaultName),
            ("recovery point", alert.recoveryPointArn == raised.recoveryPointArn),
            ("error message", alert.errorMessage == raised.errorMessage),
            ("source IP address", alert.sourceIPAddress == raised.sourceIPAddress),
            ("account", before3 || alert.accountId == raised.accountId), ("region", before3 || alert.region == raised.region),
        ]
        return fields.filter { !$0.1 }.map(\.0)
    }

    private static func dangle(_ report: inout ReferenceReport, _ what: String) {
        report.danglingCount += 1
        if report.dangling.count < ReferenceReport.shown { report.dangling.append(what) }
    }

    /// Each record of a file's complete lines with its line number; a malformed line is left to
    /// the loaders that report it, a newer schema throws.
    /// Calls `body` with each record of `bytes` and its line number (from 1); the lines that cannot
    /// be read are returned.
    @discardableResult
    private static func each(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory, _ body: (Record, Int) -> Void
    ) throws(StoreError) -> [StoreProblem] {
        let decoder = RecordDecoder()
        var fast = FlatLineDecoder()
        var problems: [StoreProblem] = []
        _ = try LineReader.lines(of: bytes, firstLine: 1) { line, number throws(StoreError) in
            if let taken = line.withUnsafeBytes({ fast.decode($0) }) { return body(taken.record, number) }
            try LineReader.take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) { body($0, number) }
        }
        return problems
    }
}
