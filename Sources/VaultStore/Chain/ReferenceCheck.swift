import VaultCore

/// Whether every acknowledgement names an alert the store holds, and every alert the call it was
/// raised for: a deleted alert (and its call) leaves its acknowledgement dangling, a forged
/// alert names no call.
enum ReferenceCheck {
    static func run(calls: [UInt8], alerts: [UInt8], acks: [UInt8], in root: StoreDirectory) throws(StoreError) -> ReferenceReport {
        var report = ReferenceReport()
        var callIds = Set<String>()
        try each(calls, of: .events, in: root) { record, _ in
            if case .call(let call) = record { callIds.insert(call.id) }
        }
        var alertIds = Set<String>()
        try each(alerts, of: .alerts, in: root) { record, line in
            guard case .alert(let alert) = record else { return }
            alertIds.insert(alert.id)
            report.alerts += 1
            if !callIds.contains(alert.callId) {
                dangle(&report, "alerts.jsonl:\(line): raised for call \(Quoted(alert.callId)), which events.jsonl does not hold")
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

    private static func dangle(_ report: inout ReferenceReport, _ what: String) {
        report.danglingCount += 1
        if report.dangling.count < ReferenceReport.shown { report.dangling.append(what) }
    }

    /// Each record of a file's complete lines with its line number; a malformed line is left to
    /// the loaders that report it, a newer schema throws.
    private static func each(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory, _ body: (Record, Int) -> Void
    ) throws(StoreError) {
        let decoder = RecordDecoder()
        var fast = FlatLineDecoder()
        var ignored: [StoreProblem] = []
        _ = try LineReader.lines(of: bytes, firstLine: 1) { line, number throws(StoreError) in
            if let taken = line.withUnsafeBytes({ fast.decode($0) }) { return body(taken.record, number) }
            try LineReader.take(decoder.decode(line), line: number, of: file, in: root, problems: &ignored) { body($0, number) }
        }
    }
}
