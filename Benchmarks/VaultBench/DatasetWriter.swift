import Foundation
import VaultCore
import VaultStore

/// Writes a generated account into a store with the real `Store.append`, in big batches as a sync
/// would, and says how long the appends took.
public struct DatasetWriter {
    /// Records per `Store.append` call.
    public static let batchSize = 10_000

    public struct Report: Sendable {
        public var points = 0
        public var pointSeconds = 0.0
        public var calls = 0
        public var alerts = 0
        public var acknowledgements = 0
    }

    public let generator: AccountGenerator
    public let rule: AlertRule

    public init(_ spec: DatasetSpec) {
        generator = AccountGenerator(spec)
        rule = AlertRule.seed(account: AccountGenerator.account)
    }

    /// Fills the store in `directory` (which should be empty) with the whole account.
    public func write(to directory: URL) throws -> Report {
        let store = try Store(directory: directory)
        let spec = generator.spec
        var report = Report()
        try store.append((0..<spec.vaults).map { .vault(generator.vault(at: $0)) })
        for start in stride(from: 0, to: spec.points, by: Self.batchSize) {
            let batch = (start..<min(start + Self.batchSize, spec.points)).map {
                Record.recoveryPoint(generator.point(at: $0))
            }
            let began = Monotonic.now()
            try store.append(batch)
            report.pointSeconds += Monotonic.seconds(since: began)
            report.points += batch.count
        }
        for start in stride(from: 0, to: spec.calls, by: Self.batchSize) {
            var records: [Record] = []
            for i in start..<min(start + Self.batchSize, spec.calls) {
                let call = generator.call(at: i)
                records.append(.call(call))
                report.calls += 1
                guard let alert = rule.evaluate(call) else { continue }
                records.append(.alert(alert))
                report.alerts += 1
                if let ack = generator.acknowledgement(of: alert, call: i) {
                    records.append(.acknowledgement(ack))
                    report.acknowledgements += 1
                }
            }
            try store.append(records)
        }
        try store.append([
            .sync(
                SyncStatus(
                    source: "bench", accountId: AccountGenerator.account, region: AccountGenerator.region,
                    at: AccountGenerator.epoch))
        ])
        return report
    }

    /// Calls `0..<count` as EventBridge delivers them, one JSON object per line, for matchers.
    public func writeEvents(count: Int, to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Data()
        for i in 0..<count {
            bytes += try encoder.encode(generator.call(at: i).eventBridgeEvent)
            bytes.append(UInt8(ascii: "\n"))
        }
        try bytes.write(to: file, options: .atomic)
    }
}
