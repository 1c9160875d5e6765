import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Hash chain of calls, alerts and acknowledgements")
struct ChainTests {
    /// `printf 'vaultwatch hash chain genesis acks.jsonl' | sha256sum`
    static let acksGenesis = "972fc03d517b3509cdc82ce169de2147e83e817d9db80346fbee0fd42ebf4d16"
    static let alertsGenesis = "fd8b76db455b61c3882048a3722a904c14132b82b21e75928e3dd63d8b422086"

    /// The `prev` field of each line of a file.
    static func prevs(of url: URL) -> [String?] {
        lines(of: url).map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["prev"] as? String
        }
    }

    /// A store whose acks.jsonl holds `count` acknowledgements, appended by several instances in
    /// batches of 1 to 3, so cached and re-read chain ends both take part.
    static func acks(_ count: Int, in dir: borrowing TemporaryDirectory) throws -> URL {
        let stores = [try Store(directory: dir.store), try Store(directory: dir.store)]
        var n = 1
        while n <= count {
            let batch = min(1 + n % 3, count - n + 1)
            try stores[n % 2].append((n..<(n + batch)).map { .acknowledgement(Fixture.ack($0, of: "alert-\($0)")) })
            n += batch
        }
        return dir.file("acks.jsonl")
    }

    /// Rewrites a file's lines.
    static func rewrite(_ url: URL, _ change: (inout [String]) -> Void) throws {
        var all = lines(of: url)
        change(&all)
        try write(Array(all.map { $0 + "\n" }.joined().utf8), to: url)
    }

    static func breakage(in dir: borrowing TemporaryDirectory) throws -> ChainBreak? {
        try Store(directory: dir.store).verify().files.first { $0.file == "acks.jsonl" }?.breakage
    }

    @Test("SHA-256 is the standard one: the FIPS 180-2 vector for \"abc\"")
    func knownVector() {
        #expect(ChainHash.of(Array("abc".utf8)[...]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ChainHash.genesis(of: .acks) == Self.acksGenesis)
        #expect(ChainHash.genesis(of: .alerts) == Self.alertsGenesis)
    }

    @Test("each alert and ack line carries the hash of the one before; the first, of the genesis value")
    func linksEachLine() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(7, in: dir)
        let written = lines(of: url)
        #expect(written.count == 7)
        let expected = [Self.acksGenesis] + written.dropLast().map { ChainHash.of(Array($0.utf8)[...]) }
        #expect(Self.prevs(of: url) == expected)
        #expect(seqs(of: url) == Array(1...7))
        #expect(written[0].hasPrefix(#"{"data":{"alertId":"alert-1""#))
        #expect(written[0].hasSuffix(#","prev":"\#(Self.acksGenesis)","schema":3,"seq":1,"type":"acknowledgement"}"#))

        try Store(directory: dir.store).append([.alert(Fixture.alert("ev-1")), .job(Fixture.job("j1"))])
        #expect(Self.prevs(of: dir.file("alerts.jsonl")) == [Self.alertsGenesis])
        #expect(Self.prevs(of: dir.file("jobs.jsonl")) == [nil])
        #expect(try Store(directory: dir.store).verify().chainsHold)
    }

    @Test("a torn last line is set aside and the chain goes on from the last whole line")
    func afterTornLine() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(3, in: dir)
        try appendRaw(Array(#"{"data":{"alertId":"half"#.utf8), to: url)
        let report = try Store(directory: dir.store).verify()
        #expect(report.chainsHold)
        #expect(report.file("acks.jsonl")?.unfinishedBytes == 24)
        #expect(report.file("acks.jsonl")?.description.contains("an unfinished last line of 24 bytes was not checked") == true)

        try Store(directory: dir.store).append([.acknowledgement(Fixture.ack(4, of: "alert-4"))])
        #expect(lines(of: url).count == 4)
        #expect(try Store(directory: dir.store).verify().files == [
            ChainFileReport(file: "events.jsonl", lines: 0), ChainFileReport(file: "alerts.jsonl", lines: 0),
            ChainFileReport(file: "acks.jsonl", lines: 4),
        ])
    }

    @Test("an edited line is named, not the line after it that noticed")
    func altered() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(20, in: dir)
        try Self.rewrite(url) { $0[16] = $0[16].replacingOccurrences(of: "alice@bastion-01", with: "mallory@bastion-01") }
        let found = try Self.breakage(in: dir)
        #expect(found == ChainBreak(line: 17, kind: .altered, detail: "altered (line 18 holds a different hash of it)"))
        #expect(found?.description == "hash chain broken at line 17: altered (line 18 holds a different hash of it)")
    }

    @Test("a line whose own hash was edited is named as altered")
    func alteredLink() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(10, in: dir)
        try Self.rewrite(url) { $0[4] = $0[4].replacingOccurrences(of: #""prev":""#, with: #""prev":"0"#) }
        #expect(try Self.breakage(in: dir)?.line == 5)
        #expect(try Self.breakage(in: dir)?.kind == .altered)
    }

    @Test("the first line, edited, is line 1")
    func alteredFirst() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(4, in: dir)
        try Self.rewrite(url) { $0[0] = $0[0].replacingOccurrences(of: "alert-1", with: "alert-9") }
        #expect(try Self.breakage(in: dir) == ChainBreak(line: 1, kind: .altered, detail: "altered (line 2 holds a different hash of it)"))
    }

    @Test("removed lines are named by the line after the gap, with the seq jump")
    func removed() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(12, in: dir)
        try Self.rewrite(url) { $0.removeSubrange(5...6) }
        #expect(try Self.breakage(in: dir) == ChainBreak(
            line: 6, kind: .removed, detail: "2 lines were removed before it (seq jumps from 5 to 8)"))

        let first = TemporaryDirectory()
        let firstURL = try Self.acks(3, in: first)
        try Self.rewrite(firstURL) { $0.removeFirst() }
        #expect(try Self.breakage(in: first) == ChainBreak(
            line: 1, kind: .removed, detail: "a line was removed before it (seq starts at 2)"))
    }

    @Test("an inserted line is named, whether made up or a copy of another")
    func inserted() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(9, in: dir)
        try Self.rewrite(url) { $0.insert($0[2].replacingOccurrences(of: "alert-3", with: "alert-X"), at: 4) }
        #expect(try Self.breakage(in: dir) == ChainBreak(line: 5, kind: .inserted, detail: "inserted (it claims to follow line 2, as line 3 does)"))
        try Self.rewrite(url) { $0[4] = $0[4].replacingOccurrences(of: #""prev":""#, with: #""prev":"f"#) }
        #expect(try Self.breakage(in: dir) == ChainBreak(line: 5, kind: .inserted, detail: "inserted (line 6 follows line 4 in the chain)"))

        let copy = TemporaryDirectory()
        let copyURL = try Self.acks(5, in: copy)
        try Self.rewrite(copyURL) { $0.insert($0[0], at: 0) }
        #expect(try Self.breakage(in: copy) == ChainBreak(line: 2, kind: .inserted, detail: "inserted (a copy of line 1)"))

        let atEnd = TemporaryDirectory()
        let endURL = try Self.acks(3, in: atEnd)
        try appendRaw(Array(#"{"data":{"alertId":"a","at":1,"by":"x","id":"forged"},"schema":2,"seq":4,"type":"acknowledgement"}"#.utf8) + [10], to: endURL)
        #expect(try Self.breakage(in: atEnd) == ChainBreak(line: 4, kind: .inserted, detail: "added without a hash of line 3"))
    }

    @Test("swapped or moved lines are out of order")
    func reordered() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(10, in: dir)
        try Self.rewrite(url) { $0.swapAt(3, 4) }
        #expect(try Self.breakage(in: dir) == ChainBreak(line: 4, kind: .reordered, detail: "out of order (the chain puts it right after line 5)"))

        let moved = TemporaryDirectory()
        let movedURL = try Self.acks(6, in: moved)
        try Self.rewrite(movedURL) { $0.append($0.removeFirst()) }
        #expect(try Self.breakage(in: moved) == ChainBreak(line: 1, kind: .reordered, detail: "out of order (the chain puts it right after line 6)"))
    }

    @Test("only the files of the chain are checked; a broken one makes the report broken")
    func reportPerFile() throws {
        let dir = TemporaryDirectory()
        let url = try Self.acks(3, in: dir)
        try Store(directory: dir.store).append([.alert(Fixture.alert("ev-1")), .alert(Fixture.alert("ev-2"))])
        try Self.rewrite(url) { $0.remove(at: 1) }
        let report = try Store(directory: dir.store).verify()
        #expect(!report.isIntact)
        #expect(report.files.map(\.description) == [
            "events.jsonl: intact, no lines yet",
            "alerts.jsonl: intact, 2 lines; no digest covers it yet (all 2 are not yet covered)",
            "acks.jsonl: hash chain broken at line 2: a line was removed before it (seq jumps from 1 to 3)",
        ])
    }
}

@Suite("Reading a line's envelope from its end")
struct EnvelopeTailTests {
    static func json(_ line: String) -> ChainVerifier.Envelope {
        (try? JSONDecoder().decode(ChainVerifier.Envelope.self, from: Data(line.utf8))) ?? ChainVerifier.Envelope()
    }

    @Test("lines as the store writes them are read without JSON, and agree with the JSON decoder")
    func agreesWithJSON() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Fixture.everyKind + [.acknowledgement(Fixture.ack(3, of: "x"))])
        let written = ["vaults.jsonl", "alerts.jsonl", "acks.jsonl", "sync.jsonl"].flatMap { lines(of: dir.file($0)) }
        #expect(written.count == 9)
        for line in written {
            let fields = try #require(EnvelopeTail.read(Array(line.utf8)[...]), "\(line)")
            #expect(ChainVerifier.Envelope(prev: fields.prev, seq: fields.seq, schema: fields.schema) == Self.json(line))
        }
        #expect(written.filter { EnvelopeTail.read(Array($0.utf8)[...])?.prev != nil }.count == 4)
    }

    @Test("any other shape is left to the JSON decoder", arguments: [
        #"{"schema":2,"seq":1,"type":"alert","data":{}}"#,  // keys in another order
        #"{"data":{},"prev":"abc","schema":2,"seq":1,"type":"alert"}"#,  // a prev that is no SHA-256
        #"{"data":{},"prev":"\#(String(repeating: "A", count: 64))","schema":2,"seq":1,"type":"alert"}"#,
        #"{"data":{},"schema":2,"seq":1,"type":"ale\"rt"}"#,
        #"{"data":{},"schema":2,"seq":-1,"type":"alert"}"#,
        #"{"data":5,"schema":2,"seq":1,"type":"alert"}"#,
        #"{"data":{},"schema":2,"seq":1,"type":"alert"} "#,
        "not json at all",
    ])
    func fallsBack(_ line: String) {
        #expect(EnvelopeTail.read(Array(line.utf8)[...]) == nil)
    }
}
