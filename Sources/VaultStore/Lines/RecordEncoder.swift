import Foundation
import VaultCore

/// Turns records into store lines:
/// `{"data":{…},"schema":2,"seq":7,"type":"job"}` followed by a newline; in the chained files
/// (alerts, acks) `{"data":{…},"prev":"<sha-256 hex>","schema":2,"seq":7,"type":"alert"}`.
///
/// The payload is encoded before the file is locked; only the sequence number, known once the
/// lock is held, is spliced in afterwards. The envelope's keys are already in sorted order.
struct RecordEncoder {
    private let json: JSONEncoder

    init() {
        json = JSONEncoder()
        json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        json.dateEncodingStrategy = .custom { date, encoder in try StoreDate.encode(date, to: encoder) }
    }

    /// The JSON of a record's `data`. JSON escapes every control character, so it holds no newline.
    func data(of record: Record) throws(StoreError) -> [UInt8] {
        do {
            switch record {
            case .vault(let vault): return try encode(vault)
            case .vaultRemoved(let vault, let at): return try encode(VaultRemoval(vault, at: at))
            case .recoveryPoint(let point): return try PointLineEncoder.data(of: point)
            case .recoveryPointRemoved(let arn, let vault, let at):
                return try encode(RecoveryPointRemoval(arn: arn, vault: vault, at: at))
            case .job(let job): return try encode(job)
            case .call(let call): return try encode(call)
            case .alert(let alert): return try encode(alert)
            case .acknowledgement(let ack): return try encode(ack)
            case .sync(let status): return try encode(status)
            case .policy(let policy): return try encode(policy)
            case .organization(let path): return try encode(path)
            }
        } catch {
            throw .cannotEncode(type: record.type, reason: Self.reason(error))
        }
    }

    private func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try json.encode(value))
    }

    private static func reason(_ error: any Error) -> String {
        if case EncodingError.invalidValue(_, let context) = error {
            return context.underlyingError.map { "\($0)" } ?? context.debugDescription
        }
        return "\(error)"
    }

    /// Appends one whole line to `buffer`; `prev` is the hash of the line before it, in chained files.
    static func appendLine(to buffer: inout [UInt8], type: RecordType, data: [UInt8], seq: Int, prev: String? = nil) {
        buffer += #"{"data":"#.utf8
        buffer += data
        if let prev { buffer += #","prev":"\#(prev)""#.utf8 }
        buffer += #","schema":\#(StoreSchema.current),"seq":\#(seq),"type":"\#(type.rawValue)"}"#.utf8
        buffer.append(UInt8(ascii: "\n"))
    }
}
