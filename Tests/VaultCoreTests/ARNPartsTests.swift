import Foundation
import Testing

@testable import VaultCore

/// How a point list cuts and packs an ARN: the same cut as looking back for the last `:` or `/`,
/// and a packed UUID that unpacks to the very same characters.
@Suite struct ARNPartsTests {
    static func cut(_ arn: String) -> (prefix: String, tail: String, packed: Bool) {
        var arn = arn
        return arn.withUTF8 { bytes in
            let parts = ARNParts(UnsafeRawBufferPointer(bytes))
            return (String(decoding: parts.prefix, as: UTF8.self), String(decoding: parts.tail, as: UTF8.self), parts.packed != nil)
        }
    }

    static func unpacked(_ arn: String) -> String? {
        var arn = arn
        return arn.withUTF8 { bytes in
            let parts = ARNParts(UnsafeRawBufferPointer(bytes))
            guard parts.packed != nil else { return nil }
            return parts.withStoredTail { stored in
                #expect(stored.count == ARNParts.packedLength)
                var out = [UInt8](repeating: 0, count: ARNParts.uuidLength)
                out.withUnsafeMutableBytes { ARNParts.unpack(stored.baseAddress!, into: $0.baseAddress!) }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// The plain way: up to and including the last `:` or `/`.
    static func naive(_ arn: String) -> (String, String) {
        let bytes = Array(arn.utf8)
        let cut = (bytes.lastIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }).map { $0 + 1 } ?? 0
        return (String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self))
    }

    @Test("a lowercase UUID after `:` or `/` is packed and unpacks to itself; the cut is the plain one")
    func uuids() {
        for _ in 0..<2_000 {
            let uuid = UUID().uuidString.lowercased()
            for arn in ["arn:aws:backup:eu-west-1:111122223333:recovery-point:" + uuid, "arn:aws:ec2:eu-west-1::snapshot/" + uuid, uuid] {
                let parts = Self.cut(arn)
                #expect(parts.packed, "\(arn)")
                #expect((parts.prefix, parts.tail) == Self.naive(arn))
                #expect(Self.unpacked(arn) == uuid)
            }
        }
    }

    @Test("anything else is kept as written, cut as before")
    func others() {
        let uuid = "64b11793-7d48-43f3-8e45-1e4126536de5"
        let prefix = "arn:aws:backup:x:"
        var cases: [String] = ["arn:aws:backup:eu-west-1:1:recovery-point:" + uuid.uppercased(), "x" + uuid]
        cases.append(prefix + String(uuid.dropLast()) + "g")
        cases.append(prefix + uuid.replacingOccurrences(of: "-", with: "0"))
        cases.append(prefix + uuid + "0")
        cases.append(prefix + String(uuid.dropLast()))
        cases += ["", ":", "/", "no-separator"]
        cases.append("中央:" + String(uuid.dropFirst(3)) + "中")
        cases.append("arn:x:" + String(uuid.prefix(8)) + "/" + String(uuid.dropFirst(9)))
        // Every byte a hex digit could be confused with, at every position.
        for position in uuid.indices where uuid[position] != "-" {
            for c in ["/", ":", "@", "`", "G", "g", "A", "F", "\u{7F}", "é", " "] {
                var bad = uuid
                bad.replaceSubrange(position...position, with: c)
                cases.append("arn:aws:backup:x:recovery-point:" + bad)
            }
        }
        for arn in cases {
            let parts = Self.cut(arn)
            #expect(!parts.packed || Self.unpacked(arn) == parts.tail, "\(arn)")
            #expect(!parts.packed || parts.tail.utf8.count == ARNParts.uuidLength)
            #expect((parts.prefix, parts.tail) == Self.naive(arn), "\(arn)")
        }
    }

    @Test("a list keeps packed and written tails apart, whatever their bytes")
    func packedAndWrittenTails() {
        let uuid = "64b11793-7d48-43f3-8e45-1e4126536de5"
        // Sixteen characters that are the packed bytes' own text, and the UUID itself, unpacked.
        let arns = ["arn:a:" + uuid, "arn:a:" + uuid.uppercased(), "arn:a:dHGTfUhD8/6OReVt", "arn:a:d\u{11}\u{93}}H\u{43}\u{f3}\u{8e}E\u{1e}A&Sm\u{e5}"]
        var list = PointList(vault: .legacy("v"))
        let t0 = UTC.date(year: 2026, month: 11, day: 1)
        for (i, arn) in arns.enumerated() {
            list.upsert(RecoveryPoint(arn: arn, vaultName: "v", resourceArn: "r", resourceType: "t", creationDate: t0, sizeBytes: Int64(i)))
        }
        #expect(list.map(\.arn) == arns)
        for (i, arn) in arns.enumerated() { #expect(list.point(arn: arn)?.sizeBytes == Int64(i)) }
    }
}
