import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// The fast path for points files against the reference (`RecordDecoder`, Foundation's JSON):
/// whatever line the fast path takes, it must read as the same recovery point; and it must take
/// every ordinary recovery-point line, however its keys are ordered, spaced or escaped.
@Suite("The fast recovery-point line decoder")
struct PointLineDecoderTests {
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }
    }

    static let texts = Fixture.hostileTexts + [
        "", "plain", "\u{0}\u{1F}\u{7F}", "𝄞 clef and 😀", "\u{FEFF}bom", "back\\slash\\\\", "\"quoted\"", "/slash/",
        "arn:aws:ec2:eu-west-1:444455556666:volume/vol-0abc", "é composed e\u{301}",
    ]

    static func point(_ r: inout Random) -> RecoveryPoint {
        // A third are legacy points (schema 1 and 2 wrote no account or region).
        let keyed = r.next(3) != 0
        return RecoveryPoint(
            arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:" + r.pick(texts) + "\(r.next(1000))",
            vaultName: r.pick(["central", "prod/eu", "中央备份", "v\u{1B}[2J"]),
            accountId: keyed ? r.pick(["111122223333", "444455556666", r.pick(texts)]) : "",
            region: keyed ? r.pick(["eu-west-1", "us-east-1", r.pick(texts)]) : "", resourceArn: r.pick(texts),
            resourceType: r.pick(["EC2", "RDS", "EFS", "DynamoDB", "S3", r.pick(texts)]),
            resourceName: r.next(3) == 0 ? nil : r.pick(texts), status: r.pick(RecoveryPoint.Status.allCases),
            creationDate: Fixture.instant(Int64(r.next(2_000_000_000)) * 1000 + Int64(r.next(1000)) - 400_000_000_000),
            completionDate: r.next(2) == 0 ? nil : Fixture.instant(1_795_500_900_001 + Int64(r.next(100_000))),
            sizeBytes: r.pick([0, 1, -1, Int64.max, Int64.min, Int64(r.next(1 << 40))]),
            lifecycle: Lifecycle(
                moveToColdStorageAfterDays: r.next(3) == 0 ? nil : r.pick([0, 30, -5, Int.max]),
                deleteAfterDays: r.next(3) == 0 ? nil : r.pick([1, 365, Int.min])),
            storageClass: r.pick([.warm, .cold, .deleted]), isEncrypted: r.next(2) == 0,
            iamRoleArn: r.next(2) == 0 ? nil : r.pick(texts))
    }

    /// A JSON string literal for `text`, escaped in one of several legal ways.
    static func literal(_ text: String, _ r: inout Random) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let style = r.next(6)
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += style < 3 ? "\\n" : "\\u000a"
            case "\t": out += style < 3 ? "\\t" : "\\u0009"
            case "/": out += style == 0 ? "\\/" : "/"
            default:
                if scalar.value < 0x20 || style == 0 {
                    for unit in String(scalar).utf16 { out += String(format: r.next(2) == 0 ? "\\u%04x" : "\\u%04X", unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A line for `point` written by hand: keys shuffled, whitespace sprinkled, strings escaped
    /// variously, absent optionals sometimes written as null.
    static func handWritten(_ p: RecoveryPoint, _ r: inout Random) -> String {
        func space() -> String { r.pick(["", "", " ", "\t", "  ", "\r"]) }
        func object(_ fields: [(String, String)]) -> String {
            var shuffled = fields
            for i in shuffled.indices.reversed() { shuffled.swapAt(i, r.next(i + 1)) }
            let body = shuffled.map { space() + literal($0.0, &r) + space() + ":" + space() + $0.1 + space() }
            return "{" + body.joined(separator: ",") + "}"
        }
        func text(_ s: String?) -> String? { s.map { literal($0, &r) } }
        func date(_ d: Date) -> String { literal(try! StoreDate.text(d), &r) }
        var lifecycle: [(String, String)] = []
        if let m = p.lifecycle.moveToColdStorageAfterDays { lifecycle.append(("moveToColdStorageAfterDays", "\(m)")) } else if r.next(2) == 0 { lifecycle.append(("moveToColdStorageAfterDays", "null")) }
        if let d = p.lifecycle.deleteAfterDays { lifecycle.append(("deleteAfterDays", "\(d)")) } else if r.next(2) == 0 { lifecycle.append(("deleteAfterDays", "null")) }
        var data: [(String, String)] = [
            ("arn", literal(p.arn, &r)), ("vaultName", literal(p.vaultName, &r)), ("resourceArn", literal(p.resourceArn, &r)),
            ("resourceType", literal(p.resourceType, &r)), ("status", literal(p.status.rawValue, &r)),
            ("creationDate", date(p.creationDate)), ("sizeBytes", "\(p.sizeBytes)"), ("lifecycle", object(lifecycle)),
            ("storageClass", literal(p.storageClass.rawValue, &r)), ("isEncrypted", p.isEncrypted ? "true" : "false"),
        ]
        for (key, value) in [("resourceName", text(p.resourceName)), ("iamRoleArn", text(p.iamRoleArn)), ("completionDate", p.completionDate.map(date))] {
            if let value { data.append((key, value)) } else if r.next(2) == 0 { data.append((key, "null")) }
        }
        if !p.accountId.isEmpty { data.append(("accountId", literal(p.accountId, &r))) }
        if !p.region.isEmpty { data.append(("region", literal(p.region, &r))) }
        return space() + object([("data", object(data)), ("schema", "\(r.pick([1, 2, 3]))"), ("seq", "\(r.next(1_000_000))"), ("type", literal("recovery-point", &r))]) + space()
    }

    /// The fast path's point for `line`, if it takes it.
    static func fast(_ line: [UInt8]) -> RecoveryPoint? {
        var decoder = PointLineDecoder(fileSize: line.count)
        var load = PointsLoad()
        guard line.withUnsafeBytes({ decoder.decode($0, into: &load) }) else { return nil }
        decoder.flush(into: &load)
        #expect(load.lists.count == 1)
        #expect(load.lists.first?.value.count == 1)
        return load.lists.first?.value.first
    }

    /// What the reference makes of `line`.
    static func reference(_ line: [UInt8]) -> RecoveryPoint? {
        if case .record(.recoveryPoint(let p), _) = RecordDecoder().decode(line[...]) { return p }
        return nil
    }

    @Test("takes every line the store writes, and reads it as the reference does")
    func storeWrittenLines() throws {
        var r = Random(state: 1)
        for _ in 0..<400 {
            let p = Self.point(&r)
            let line = Array(try TailTests.line(.recoveryPoint(p), seq: r.next(1000) + 1).dropLast())
            let taken = Self.fast(line)
            #expect(taken == p, "\(String(decoding: line, as: UTF8.self))")
            #expect(Self.reference(line) == p)
        }
    }

    @Test("takes hand-written lines: any key order, whitespace, escapes, surrogate pairs, nulls")
    func handWrittenLines() {
        var r = Random(state: 2)
        for _ in 0..<1_500 {
            let p = Self.point(&r)
            let line = Array(Self.handWritten(p, &r).utf8)
            let reference = Self.reference(line)
            #expect(reference == p, "\(String(decoding: line, as: UTF8.self))")
            #expect(Self.fast(line) == reference, "\(String(decoding: line, as: UTF8.self))")
        }
    }

    /// Removes, inserts or overwrites one to three bytes of `line` with what trips a JSON reader.
    static func mangle(_ line: inout [UInt8], _ r: inout Random) {
        let inserts = Array("{}[]\",:\\u0dD8Ff01-.eE \t\u{1}nulltruefalse€😀".utf8) + [0xC0, 0xED, 0xA0, 0x80, 0xFF, 0xF4, 0x90]
        for _ in 0..<(1 + r.next(3)) {
            let at = r.next(line.count)
            switch r.next(3) {
            case 0: line.remove(at: at)
            case 1: line.insert(r.pick(inserts), at: at)
            default: line[at] = r.pick(inserts)
            }
        }
    }

    /// Mangles `count` lines made by `line` and holds what `read` takes of them to the reference;
    /// returns how many it took.
    static func agreeWhenMangled(
        _ count: Int, seed: UInt64, line: (inout Random) throws -> [UInt8], read: ([UInt8]) -> RecoveryPoint?
    ) rethrows -> Int {
        var r = Random(state: seed)
        var taken = 0
        for _ in 0..<count {
            var bytes = try line(&r)
            mangle(&bytes, &r)
            guard let point = read(bytes) else { continue }
            taken += 1
            #expect(reference(bytes) == point, "\(String(decoding: bytes, as: UTF8.self))")
        }
        return taken
    }

    @Test("never reads a mangled line differently from the reference")
    func mangledLines() throws {
        let taken = Self.agreeWhenMangled(6_000, seed: 3, line: { r in Array(Self.handWritten(Self.point(&r), &r).utf8) }, read: Self.fast)
        #expect(taken > 100)
    }

    @Test("leaves alone what it does not fully understand")
    func declines() throws {
        let point = Fixture.point(1, in: "a")
        let good = String(decoding: try TailTests.line(.recoveryPoint(point), seq: 1).dropLast(), as: UTF8.self)
        let current = #""schema":\#(StoreSchema.current)"#
        #expect(good.contains(current))
        let declined = [
            String(decoding: try TailTests.line(.recoveryPointRemoved(arn: point.arn, vault: Fixture.key("a"), at: Fixture.now), seq: 2).dropLast(), as: UTF8.self),
            good.replacingOccurrences(of: current, with: #""schema":\#(StoreSchema.current + 1)"#),
            good.replacingOccurrences(of: current, with: #""schema":\#(StoreSchema.current).0"#),
            good.replacingOccurrences(of: #""seq":1"#, with: #""seq":1e0"#),
            good.replacingOccurrences(of: #""arn":"#, with: #""extra":1,"arn":"#),
            good.replacingOccurrences(of: #""type":"recovery-point""#, with: #""type":"recovery-point","seq":1"#),
            good.replacingOccurrences(of: #""isEncrypted":true"#, with: #""isEncrypted":null"#),
            good.replacingOccurrences(of: #""sizeBytes":53687091201"#, with: #""sizeBytes":53687091201.0"#),
            good.replacingOccurrences(of: #""sizeBytes":53687091201"#, with: #""sizeBytes":99999999999999999999"#),
            good.replacingOccurrences(of: #".000Z""#, with: #".000+25:00""#),
            good + " x", "", "[]", "{}", "null",
        ]
        for line in declined {
            #expect(Self.fast(Array(line.utf8)) == nil, "\(line)")
        }
        #expect(Self.fast(Array(good.utf8)) == point)
        // Dates in the other forms the store reads are the same to both.
        for other in [#".0001Z""#, #".5+01:30""#, #"Z""#] {
            let line = Array(good.replacingOccurrences(of: #".000Z""#, with: other).utf8)
            #expect(Self.fast(line) != nil)
            #expect(Self.fast(line) == Self.reference(line))
        }
    }

    @Test("a points file with removals, malformed lines and replaced points loads as the records apply")
    func wholeFile() throws {
        var r = Random(state: 4)
        var bytes: [UInt8] = []
        var expected = PointList(vault: Fixture.key("v"))
        var points: [RecoveryPoint] = []
        for seq in 1...300 {
            var record: Record
            if !points.isEmpty && r.next(6) == 0 {
                let victim = r.pick(points)
                record = .recoveryPointRemoved(arn: victim.arn, vault: Fixture.key("v"), at: Fixture.now)
                expected.remove(arn: victim.arn)
            } else {
                var p = points.isEmpty || r.next(4) != 0 ? Self.point(&r) : r.pick(points)
                p.vaultName = "v"
                p.accountId = Fixture.account
                p.region = Fixture.region
                p.sizeBytes = Int64(seq)
                points.append(p)
                record = .recoveryPoint(p)
                expected.upsert(p)
            }
            bytes += try TailTests.line(record, seq: seq)
            if r.next(20) == 0 { bytes += Array("{\"data\":{}}\n".utf8) }
        }
        let dir = TemporaryDirectory()
        var load = PointsLoad()
        let (consumed, _) = try PointsReader.read(bytes, of: .points(vault: Fixture.key("v")), in: try StoreDirectory(dir.store, for: .writing), into: &load)
        #expect(consumed == bytes.count)
        #expect(load.lists[Fixture.key("v")] == expected)
        #expect(load.problems.allSatisfy { $0.kind == .malformedLine && $0.file == "points/111122223333.eu-west-1.v.jsonl" })
    }
}

@Suite("Store dates read by position")
struct StoreDatePositionTests {
    @Test("the written form reads as the general reading of the same instant does")
    func sameAsGeneral() throws {
        var r = PointLineDecoderTests.Random(state: 9)
        for _ in 0..<5_000 {
            let date = Fixture.instant(Int64(r.next(4_000_000_000)) * 1000 + Int64(r.next(1000)) - 2_000_000_000_000)
            let written = try StoreDate.text(date)
            // A lowercase `t` is read only by the general path; the instant is the same.
            let general = written.replacingOccurrences(of: "T", with: "t")
            #expect(StoreDate.parse(written) == date)
            #expect(StoreDate.parse(written) == StoreDate.parse(general))
        }
        for bad in ["2026-13-01T00:00:00.000Z", "2026-11-32T00:00:00.000Z", "2026-11-01T24:00:00.000Z", "2026-11-01T00:60:00.000Z",
                    "2026-11-01T00:00:61.000Z", "2026-1a-01T00:00:00.000Z", "2026-11-01T00:00:00.0/0Z"] {
            #expect(StoreDate.parse(bad) == nil, "\(bad)")
        }
        #expect(StoreDate.parse("2026-11-01T00:00:60.000Z") != nil)
    }
}
