import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// The layout reader for points lines against the reference: it takes every line the store
/// writes whose texts need no unescaping, reads each as Foundation's decoder does, and leaves
/// every other line (hand-written, mangled) to the general decoder or reads it the same.
@Suite("Points lines in the layout the store writes")
struct WrittenPointLineTests {
    typealias Random = PointLineDecoderTests.Random

    /// What the layout reader makes of `line`, as a point.
    static func written(_ line: [UInt8]) -> RecoveryPoint? {
        var reader = WrittenPointLine()
        var list: PointList?
        let took = line.withUnsafeBytes { bytes in
            reader.read(bytes) { fields, vault in
                list = PointList(
                    vault: VaultKey(
                        accountId: String(decoding: vault.account, as: UTF8.self),
                        region: String(decoding: vault.region, as: UTF8.self), name: String(decoding: vault.name, as: UTF8.self)))
                list!.upsert(fields)
            }
        }
        #expect(took == (list != nil))
        return list?.first
    }

    /// Whether the store writes every text of `p` as it is (no escape, no control character).
    static func plain(_ p: RecoveryPoint) -> Bool {
        [p.arn, p.vaultName, p.accountId, p.region, p.resourceArn, p.resourceType, p.resourceName ?? "", p.iamRoleArn ?? ""]
            .allSatisfy { text in text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } }
    }

    @Test("reads every store-written line of plain texts as the reference does, and declines the rest")
    func storeWritten() throws {
        var r = Random(state: 21)
        var read = 0
        for _ in 0..<2_000 {
            let p = PointLineDecoderTests.point(&r)
            let line = Array(try TailTests.line(.recoveryPoint(p), seq: r.next(1_000_000) + 1).dropLast())
            let written = Self.written(line)
            // At most 18 digits: longer numbers are the general scanner's.
            let digits: ClosedRange<Int64> = -999_999_999_999_999_999...999_999_999_999_999_999
            if Self.plain(p) && digits.contains(p.sizeBytes)
                && [p.lifecycle.deleteAfterDays, p.lifecycle.moveToColdStorageAfterDays].allSatisfy({
                    $0.map { digits.contains(Int64($0)) } ?? true
                })
            {
                #expect(written == p, "\(String(decoding: line, as: UTF8.self))")
                read += 1
            } else {
                #expect(written == nil || written == PointLineDecoderTests.reference(line))
            }
        }
        #expect(read > 100)
    }

    @Test("never reads a mangled store-written line differently from the reference")
    func mangled() throws {
        let taken = try PointLineDecoderTests.agreeWhenMangled(20_000, seed: 22, line: { r in
            var p = PointLineDecoderTests.point(&r)
            p.arn = "arn:aws:backup:eu-west-1:111122223333:recovery-point:" + UUID().uuidString.lowercased()
            return Array(try TailTests.line(.recoveryPoint(p), seq: r.next(1000) + 1).dropLast())
        }, read: Self.written)
        #expect(taken > 150)
    }

    @Test("integers: eight digits at a time, as the general scanner reads them")
    func integers() {
        var r = Random(state: 23)
        let shapes = ["0", "-0", "7", "-7", "10", "00", "01", "-01", "123456789012345678", "1234567890123456789", "9223372036854775807",
                      "-9223372036854775808", "1.5", "1e3", "1E3", "12345678.", "-", "", "+1", "99999999", "100000000"]
        var inputs = shapes
        for _ in 0..<3_000 {
            var digits = String(r.next(9) + 1)
            for _ in 0..<r.next(20) { digits += String(r.next(10)) }
            inputs.append((r.next(3) == 0 ? "-" : "") + digits)
        }
        for text in inputs {
            for after in ["", ",", "}", "x", ".", "e", " ", ",\"seq\":12345678901"] {
                let bytes = Array((text + after).utf8)
                let layout = bytes.withUnsafeBytes { raw -> (Int64?, Int) in
                    var c = LayoutCursor(raw)
                    let v = c.integer()
                    return (v, c.i)
                }
                let general = bytes.withUnsafeBytes { raw -> (Int64?, Int) in
                    var s = JSONScanner(raw)
                    let v = s.integer()
                    return (v, s.i)
                }
                if let value = layout.0 {
                    #expect(value == general.0, "\(text + after)")
                    #expect(layout.1 == general.1, "\(text + after)")
                } else {
                    // Only what needs more than 18 digits is left to the general scanner.
                    #expect(general.0 == nil || text.filter(\.isNumber).count > 18, "\(text + after)")
                }
            }
        }
    }
}
