import Foundation
import VaultCore

/// The store's fast line decoders held against the reference, for the fuzzer
/// (`Fuzz/Targets/StoreLines`) and its regression tests: any line on which a fast path says
/// something the reference does not is a bug. A fast path may decline a line (the reference then
/// reads it, so there is nothing to compare); what it takes, it must read exactly as the reference
/// does:
/// - `FlatLineDecoder` (calls, alerts, acknowledgements): the same record and sequence number;
/// - `PointLineDecoder` (recovery points): the same point, in its vault's list;
/// - `WrittenPointLine` (recovery points in the layout the store writes, tried first by
///   `PointLineDecoder`): the same point, on its own, and its list's copy of it the same;
/// - the chain check's envelope (`ChainVerifier.envelope`), when it reads a line from its end: the
///   same `prev`, `seq` and `schema` as Foundation's decoder reads.
@_spi(Fuzzing) public struct LineDecoderAgreement {
    private let reference = RecordDecoder()
    private let json = JSONDecoder()
    private var flat = FlatLineDecoder()
    private var written = WrittenPointLine()
    private let encoder = RecordEncoder()

    public init() {}

    /// Nil when `record`, written as the store writes it, reads back as the same record through the
    /// reference and agrees with every fast path that takes its line; else what differs. For what
    /// comes from outside (a feed's call): what vaultwatch accepts, the store must keep exactly, or
    /// an append would fail on it again and again.
    public mutating func roundTrip(_ record: Record) -> String? {
        let data: [UInt8]
        do {
            data = try encoder.data(of: record)
        } catch {
            return "the store cannot write it: \(error)"
        }
        var line: [UInt8] = []
        let chained = StoreFile(for: record).isChained
        RecordEncoder.appendLine(
            to: &line, type: record.type, data: data, seq: 1, prev: chained ? String(repeating: "0", count: 64) : nil)
        line.removeLast()
        guard case .record(let read, 1) = reference.decode(line[...]), read == record else {
            return "written as \(String(decoding: line, as: UTF8.self)), read back as \(reference.decode(line[...]))"
        }
        return disagreement(line)
    }

    /// Nil when every fast path agrees with the reference on `line` (one line, without its
    /// newline); else what differs.
    public mutating func disagreement(_ line: [UInt8]) -> String? {
        let fast = line.withUnsafeBytes { flat.decode($0) }
        if let fast {
            let read = reference.decode(line[...])
            guard case .record(let record, let seq) = read, record == fast.record, seq == fast.seq else {
                return "FlatLineDecoder read \(fast.record) (seq \(fast.seq)); the reference: \(read)"
            }
        }

        var load = PointsLoad()
        var points = PointLineDecoder(fileSize: line.count)
        let took = line.withUnsafeBytes { points.decode($0, into: &load) }
        if took {
            points.flush(into: &load)
            let read = reference.decode(line[...])
            guard case .record(.recoveryPoint(let point), _) = read, load.lists.count == 1,
                let list = load.lists[point.vaultKey], list.count == 1, list[0] == point
            else {
                return "PointLineDecoder took \(load.lists.mapValues { Array($0) }); the reference: \(read)"
            }
        }

        var read: PointList?
        _ = line.withUnsafeBytes { bytes in
            written.read(bytes) { fields, vault in
                read = PointList(vault: Self.key(of: vault))
                read!.upsert(fields)
            }
        }
        if let list = read {
            let reference = reference.decode(line[...])
            guard case .record(.recoveryPoint(let point), _) = reference, list.count == 1, list[0] == point else {
                return "WrittenPointLine read \(Array(list)); the reference: \(reference)"
            }
        }

        // The chain check reads a line's envelope from its end only when the fast decoder took it
        // whole; otherwise it asks the reference itself.
        if fast != nil, EnvelopeTail.read(line[...]) != nil {
            let quick = ChainVerifier.envelope(of: line[...], json: json)
            let slow = (try? json.decode(ChainVerifier.Envelope.self, from: Data(line))) ?? ChainVerifier.Envelope()
            guard quick == slow else { return "the chain check read the envelope \(quick); the reference: \(slow)" }
        }
        return nil
    }

    /// The key a vault read from a line names (legacy when the line names no account or region).
    private static func key(of vault: WrittenPointLine.Vault) -> VaultKey {
        VaultKey(
            accountId: String(decoding: vault.account, as: UTF8.self), region: String(decoding: vault.region, as: UTF8.self),
            name: String(decoding: vault.name, as: UTF8.self))
    }
}
