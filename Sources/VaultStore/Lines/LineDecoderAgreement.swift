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

    public init() {}

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
                let list = load.lists[point.vaultName], list.count == 1, list[0] == point
            else {
                return "PointLineDecoder took \(load.lists.mapValues { Array($0) }); the reference: \(read)"
            }
        }

        if let fields = line.withUnsafeBytes({ written.read($0) }) {
            var list = PointList()
            list.upsert(fields)
            let read = reference.decode(line[...])
            guard case .record(.recoveryPoint(let point), _) = read, list.count == 1, list[0] == point else {
                return "WrittenPointLine read \(Array(list)); the reference: \(read)"
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
}
