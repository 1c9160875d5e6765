import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// The fast path for alerts, acknowledgements and calls against the reference (`RecordDecoder`,
/// Foundation's JSON): whatever line the fast path takes, it must read as the same record with the
/// same sequence number; and it must take every ordinary line, schema 1 or 2, `prev` or not.
@Suite("The fast alert, acknowledgement and call line decoder")
struct FlatLineDecoderTests {
    typealias Random = PointLineDecoderTests.Random

    static let texts = PointLineDecoderTests.texts

    static func principal(_ r: inout Random) -> Principal {
        Principal(
            kind: r.pick([.assumedRole, .iamUser, .root, .awsService, .federatedUser]), arn: r.pick(texts),
            issuerArn: r.next(2) == 0 ? nil : r.pick(texts), accountId: r.pick(["111122223333", r.pick(texts)]))
    }

    static func call(_ r: inout Random) -> ApiCall {
        func maybe() -> String? { r.next(3) == 0 ? nil : r.pick(texts) }
        return ApiCall(
            id: r.pick(texts) + "\(r.next(1000))",
            time: Fixture.instant(Int64(r.next(2_000_000_000)) * 1000 + Int64(r.next(1000)) - 400_000_000_000),
            action: r.pick(["DeleteRecoveryPoint", r.pick(texts)]), principal: principal(&r), sourceIPAddress: maybe(),
            userAgent: maybe(), vaultName: maybe(), recoveryPointArn: maybe(), errorCode: maybe(), errorMessage: maybe(),
            accountId: r.pick(texts), region: r.pick(["eu-west-1", r.pick(texts)]))
    }

    static func record(_ r: inout Random) -> Record {
        switch r.next(3) {
        case 0: return .call(call(&r))
        case 1: return .alert(Alert(raisedBy: r.pick(texts), for: call(&r)))
        default:
            return .acknowledgement(
                Acknowledgement(
                    id: r.pick(texts), alertId: r.pick(texts), by: r.pick(texts),
                    at: Fixture.instant(Int64(r.next(2_000_000_000)) * 1000), note: r.next(2) == 0 ? nil : r.pick(texts)))
        }
    }

    /// A line for `record` written by hand: keys shuffled, whitespace sprinkled, strings escaped
    /// variously, absent optionals sometimes written as null, schema 1 or 2, with or without `prev`.
    static func handWritten(_ record: Record, _ r: inout Random) -> String {
        func space() -> String { r.pick(["", "", " ", "\t", "  ", "\r"]) }
        func object(_ fields: [(String, String?)]) -> String {
            var present: [(String, String)] = []
            for (key, value) in fields {
                if let value { present.append((key, value)) } else if r.next(2) == 0 { present.append((key, "null")) }
            }
            for i in present.indices.reversed() { present.swapAt(i, r.next(i + 1)) }
            let body = present.map {
                space() + PointLineDecoderTests.literal($0.0, &r) + space() + ":" + space() + $0.1 + space()
            }
            return "{" + body.joined(separator: ",") + "}"
        }
        func text(_ s: String?) -> String? { s.map { PointLineDecoderTests.literal($0, &r) } }
        func date(_ d: Date) -> String { PointLineDecoderTests.literal(try! StoreDate.text(d), &r) }
        func principal(_ p: Principal) -> String {
            object([
                ("kind", text(p.kind.rawValue)), ("arn", text(p.arn)), ("issuerArn", text(p.issuerArn)),
                ("accountId", text(p.accountId)),
            ])
        }
        let type: String
        let data: String
        switch record {
        case .call(let c):
            type = "call"
            data = object([
                ("id", text(c.id)), ("time", date(c.time)), ("action", text(c.action)), ("principal", principal(c.principal)),
                ("sourceIPAddress", text(c.sourceIPAddress)), ("userAgent", text(c.userAgent)), ("vaultName", text(c.vaultName)),
                ("recoveryPointArn", text(c.recoveryPointArn)), ("errorCode", text(c.errorCode)),
                ("errorMessage", text(c.errorMessage)), ("accountId", text(c.accountId)), ("region", text(c.region)),
            ])
        case .alert(let a):
            type = "alert"
            data = object([
                ("id", text(a.id)), ("callId", text(a.callId)), ("time", date(a.time)), ("action", text(a.action)),
                ("principal", principal(a.principal)), ("vaultName", text(a.vaultName)),
                ("accountId", text(a.accountId.isEmpty ? nil : a.accountId)), ("region", text(a.region.isEmpty ? nil : a.region)),
                ("recoveryPointArn", text(a.recoveryPointArn)), ("outcome", text(a.outcome)),
                ("errorMessage", text(a.errorMessage)), ("severity", text(a.severity.rawValue)), ("ruleName", text(a.ruleName)),
                ("sourceIPAddress", text(a.sourceIPAddress)),
            ])
        case .acknowledgement(let k):
            type = "acknowledgement"
            data = object([("id", text(k.id)), ("alertId", text(k.alertId)), ("by", text(k.by)), ("at", date(k.at)), ("note", text(k.note))])
        default:
            preconditionFailure("not a flat record")
        }
        let prev = r.next(2) == 0 ? nil : PointLineDecoderTests.literal(ChainHash.of(Array("line \(r.next(100))".utf8)[...]), &r)
        // `prev` left out here is never written as null.
        var envelope: [(String, String?)] = [
            ("data", data), ("schema", "\(r.pick([1, 2, 3]))"), ("seq", "\(r.next(1_000_000))"), ("type", text(type)),
        ]
        if let prev { envelope.append(("prev", prev)) }
        return space() + object(envelope) + space()
    }

    static func fast(_ line: [UInt8], alerts: AlertReading = .whole) -> (record: Record, seq: Int)? {
        var decoder = FlatLineDecoder(alerts: alerts)
        return line.withUnsafeBytes { decoder.decode($0) }
    }

    /// `record` as a listing's read makes it: an alert without the texts a listing does not show.
    static func listed(_ record: Record) -> Record {
        guard case .alert(var alert) = record else { return record }
        alert.callId = ""
        alert.ruleName = ""
        alert.recoveryPointArn = nil
        alert.errorMessage = nil
        alert.sourceIPAddress = nil
        return .alert(alert)
    }

    static func reference(_ line: [UInt8]) -> (record: Record, seq: Int)? {
        if case .record(let record, let seq) = RecordDecoder().decode(line[...]) { return (record, seq) }
        return nil
    }

    static func same(_ a: (record: Record, seq: Int)?, _ b: (record: Record, seq: Int)?) -> Bool {
        a?.record == b?.record && a?.seq == b?.seq
    }

    @Test("takes every line the store writes, schema 2 with its chain included, and reads it as the reference does")
    func storeWrittenLines() throws {
        var r = Random(state: 11)
        var records: [Record] = []
        for _ in 0..<300 { records.append(Self.record(&r)) }
        for (n, record) in records.enumerated() {
            let line = Array(try TailTests.line(record, seq: n + 1).dropLast())
            let taken = Self.fast(line)
            #expect(taken?.record == record, "\(String(decoding: line, as: UTF8.self))")
            #expect(Self.same(taken, Self.reference(line)))
        }
        // Through the store itself: alerts and acks lines carry `prev`.
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append(records)
        var lines = 0
        for name in ["alerts.jsonl", "acks.jsonl", "events.jsonl"] {
            let bytes = Array(try Data(contentsOf: dir.store.appendingPathComponent(name)))
            _ = try LineReader.lines(of: bytes, firstLine: 1) { line, _ in
                let line = Array(line)
                if name != "events.jsonl" { #expect(String(decoding: line, as: UTF8.self).contains(#""prev":"#)) }
                #expect(Self.fast(line) != nil, "\(String(decoding: line, as: UTF8.self))")
                #expect(Self.same(Self.fast(line), Self.reference(line)))
                lines += 1
            }
        }
        #expect(lines == records.count)
    }

    @Test("takes hand-written lines: any key order, whitespace, escapes, surrogate pairs, nulls, prev")
    func handWrittenLines() {
        var r = Random(state: 12)
        for _ in 0..<1_500 {
            let record = Self.record(&r)
            let line = Array(Self.handWritten(record, &r).utf8)
            let reference = Self.reference(line)
            #expect(reference?.record == record, "\(String(decoding: line, as: UTF8.self))")
            #expect(Self.same(Self.fast(line), reference), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test("never reads a mangled line differently from the reference")
    func mangledLines() {
        var r = Random(state: 13)
        var taken = 0
        for _ in 0..<6_000 {
            var line = Array(Self.handWritten(Self.record(&r), &r).utf8)
            PointLineDecoderTests.mangle(&line, &r)
            guard let fast = Self.fast(line) else { continue }
            taken += 1
            #expect(Self.same(Self.reference(line), fast), "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(taken > 100)
    }

    @Test("a listing's read takes exactly the lines a whole read takes, and leaves out only what a listing does not show")
    func listedAlerts() {
        var r = Random(state: 15)
        var alerts = 0
        var declined = 0
        for n in 0..<6_000 {
            var line = Array(Self.handWritten(Self.record(&r), &r).utf8)
            // Every other line mangled: a byte changed, dropped or repeated, so some lose a field
            // the listing does not make (a call id, a rule) and must still be declined.
            if n % 2 == 1 { PointLineDecoderTests.mangle(&line, &r) }
            let whole = Self.fast(line)
            let listed = Self.fast(line, alerts: .listed)
            #expect((whole == nil) == (listed == nil), "\(String(decoding: line, as: UTF8.self))")
            if let whole, let listed {
                #expect(listed.record == Self.listed(whole.record) && listed.seq == whole.seq)
                if case .alert = whole.record { alerts += 1 }
            } else {
                declined += 1
            }
        }
        #expect(alerts > 1_000 && declined > 100)
        // An alert without a call id or a rule is no alert, listed or not.
        let good = String(decoding: try! TailTests.line(.alert(Fixture.alert("ev-1")), seq: 1).dropLast(), as: UTF8.self)
        for field in ["callId", "ruleName"] {
            let without = good.replacing(try! Regex(#""\#(field)":"[^"]*",?"#), with: "")
            #expect(without != good && Self.fast(Array(without.utf8), alerts: .listed) == nil, "\(without)")
            let null = good.replacing(try! Regex(#""\#(field)":"[^"]*""#), with: #""\#(field)":null"#)
            #expect(null != good && Self.fast(Array(null.utf8), alerts: .listed) == nil, "\(null)")
        }
    }

    @Test("leaves alone what it does not fully understand")
    func declines() throws {
        let alert = Fixture.alert("ev-1")
        let good = String(decoding: try TailTests.line(.alert(alert), seq: 1).dropLast(), as: UTF8.self)
        let current = #""schema":\#(StoreSchema.current)"#
        #expect(good.contains(current))
        let edits: [(String, String)] = [
            (current, #""schema":\#(StoreSchema.current + 1)"#),
            (current, #""schema":0"#),
            (current, #""schema":\#(StoreSchema.current).0"#),
            (#""seq":1"#, #""seq":1e0"#),
            (#""seq":1"#, #""seq":1,"prev":7"#),
            (#""seq":1"#, #""seq":1,"prev":null"#),
            (#""seq":1"#, #""seq":1,"other":"x""#),
            (#""callId":"#, #""extra":"x","callId":"#),
            (#""callId":"#, #""note":"x","callId":"#),
            (#""type":"alert""#, #""type":"alert","seq":1"#),
            (#""severity":"warning""#, #""severity":"high""#),
            (#""severity":"warning""#, #""severity":null"#),
            (#""kind":"AssumedRole""#, #""kind":"Robot""#),
            (#""kind":"AssumedRole""#, #""kind":"AssumedRole","kind":"Root""#),
            (#""vaultName":"central-backup""#, #""vaultName":7"#),
            (#"T10:12:38.089Z""#, #"T10:12:38.089+25:00""#),
        ]
        var declined = edits.map { good.replacingOccurrences(of: $0.0, with: $0.1) }
        declined.append(String(decoding: try TailTests.line(.sync(Fixture.sync), seq: 2).dropLast(), as: UTF8.self))
        declined.append(String(decoding: try TailTests.line(.job(Fixture.job("j")), seq: 2).dropLast(), as: UTF8.self))
        declined += [good + " x", "", "[]", "{}", "null"]
        for line in declined {
            #expect(line != good)
            #expect(Self.fast(Array(line.utf8)) == nil, "\(line)")
        }
        #expect(Self.fast(Array(good.utf8))?.record == .alert(alert))
        // A date as seconds since 1970 is the reference's to read.
        let seconds = good.replacingOccurrences(of: #""2026-11-25T10:12:38.089Z""#, with: "1795601558.089")
        #expect(seconds != good && Self.fast(Array(seconds.utf8)) == nil && Self.reference(Array(seconds.utf8)) != nil)
    }

    @Test("a file of every kind, with malformed lines, reads as the reference reads it line by line")
    func wholeFile() throws {
        var r = Random(state: 14)
        var bytes: [UInt8] = []
        var expected: [Record] = []
        var problems = 0
        for seq in 1...3_000 {
            if r.next(25) == 0 {
                bytes += Array("{\"data\":{},\"schema\":1,\"seq\":\(seq),\"type\":\"alert\"}\n".utf8)
                problems += 1
                continue
            }
            let record = r.next(10) == 0 ? Record.sync(Fixture.sync) : Self.record(&r)
            bytes += try TailTests.line(record, seq: seq)
            expected.append(record)
        }
        let dir = TemporaryDirectory()
        // Large enough to be read in slices on every core.
        #expect(bytes.count >= LineReader.parallelMinimum)
        let batch = try LineReader.read(bytes, of: .events, firstLine: 1, in: try StoreDirectory(dir.store, for: .writing), decoder: RecordDecoder())
        #expect(batch.records == expected)
        #expect(batch.problems.count == problems)
        #expect(batch.problems.allSatisfy { $0.kind == .malformedLine && $0.message == #"missing field "data.id""# })
    }
}
