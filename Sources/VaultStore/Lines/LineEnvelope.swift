import Foundation

/// A fast decoder of store lines: it scans the envelope the same way as every other
/// (`{"data":…,"schema":N,"seq":N,"type":"…"}`, and `"prev"` in a chained file), and the `data`
/// its own way.
protocol LineEnvelopeDecoder {
    /// Where texts with escapes are unescaped; emptied for every line.
    var scratch: [UInt8] { get set }
    /// Whether lines of this decoder may carry the hash chain's `"prev"`.
    static var chained: Bool { get }
    /// Scans `data`; false when it is not what this decoder takes.
    mutating func scanData(_ s: inout JSONScanner, line: UnsafeRawBufferPointer) -> Bool
}

extension LineEnvelopeDecoder {
    /// The line's type and seq when its envelope is whole: keys in any order, each once, the four
    /// required ones present, a schema this build reads, and nothing after the object. Nil for
    /// anything else, so the caller leaves the line to `RecordDecoder`.
    mutating func scanEnvelope(_ line: UnsafeRawBufferPointer) -> (type: JSONScanner.Text, seq: Int)? {
        var s = JSONScanner(line)
        var schema: Int64?
        var seq: Int64?
        var type: JSONScanner.Text?
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")) else { return nil }
            let bit: Int
            switch scratch.withUnsafeBytes({ EnvelopeKey(key.bytes(line: line, scratch: $0)) }) {
            case .data:
                bit = 1
                guard scanData(&s, line: line) else { return nil }
            case .schema:
                bit = 2
                schema = s.integer()
            case .seq:
                bit = 4
                seq = s.integer()
            case .type:
                bit = 8
                guard let t = s.string(scratch: &scratch) else { return nil }
                type = t
            case .prev where Self.chained:
                // The hash chain's link: only `verify` reads it.
                bit = 16
                guard s.string(scratch: &scratch) != nil else { return nil }
            case .prev, nil:
                return nil
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
        } while s.take(UInt8(ascii: ","))
        guard s.take(UInt8(ascii: "}")), s.peek() == nil, seen & 15 == 15, let type, let seq,
            let number = Int(exactly: seq), let version = schema,
            (Int64(StoreSchema.oldestReadable)...Int64(StoreSchema.current)).contains(version)
        else { return nil }
        return (type, number)
    }

    /// Whether a scanned text is `name`.
    func text(_ t: JSONScanner.Text, in line: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        scratch.withUnsafeBytes { sameBytes(t.bytes(line: line, scratch: $0), name) }
    }
}

/// The keys of a line's envelope, told apart by length first (every line has four or five): for
/// `LineEnvelopeDecoder` and `PointLineDecoder`'s own envelope loop.
enum EnvelopeKey {
    case data, schema, seq, type, prev

    init?(_ key: UnsafeRawBufferPointer) {
        switch key.count {
        case 3 where sameBytes(key, "seq"): self = .seq
        case 4 where sameBytes(key, "data"): self = .data
        case 4 where sameBytes(key, "type"): self = .type
        case 4 where sameBytes(key, "prev"): self = .prev
        case 6 where sameBytes(key, "schema"): self = .schema
        default: return nil
        }
    }
}

/// Whether `bytes` are `name`: compared eight bytes at a time, inline (keys are short).
@inline(__always) func sameBytes(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    guard bytes.count == n else { return false }
    guard n > 0 else { return true }
    let a = bytes.baseAddress!
    let b = UnsafeRawPointer(name.utf8Start)
    var k = 0
    while k + 8 <= n {
        guard a.loadUnaligned(fromByteOffset: k, as: UInt64.self) == b.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        else { return false }
        k += 8
    }
    while k < n {
        guard a.load(fromByteOffset: k, as: UInt8.self) == b.load(fromByteOffset: k, as: UInt8.self) else { return false }
        k += 1
    }
    return true
}
