import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Schema versions")
struct SchemaTests {
    @Test("a line from a newer schema stops the load and leaves every file byte-identical")
    func newerSchema() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Fixture.everyKind)
        // events.jsonl is read before alerts.jsonl: its torn tail must not be repaired either.
        try appendRaw(Array("{\"data\":{\"id\":".utf8), to: dir.file("events.jsonl"))
        try appendRaw(Array(#"{"data":{"shape":"new"},"schema":4,"seq":2,"type":"alert-v3"}"#.utf8) + [10], to: dir.file("alerts.jsonl"))
        try store.append([.alert(Fixture.alert("ev-9"))])
        let before = snapshot(of: dir.store)

        let error = #expect(throws: StoreError.self) { try store.load() }
        #expect(error == .newerSchema(file: dir.file("alerts.jsonl").path, line: 2, version: 4, supported: 3))
        #expect(error?.description.contains("upgrade vaultwatch") == true)
        #expect(error?.description.contains("alerts.jsonl:2") == true)
        #expect(snapshot(of: dir.store) == before)

        #expect(throws: StoreError.self) { try store.makeTail().poll() }
        #expect(snapshot(of: dir.store) == before)
    }

    @Test("a tail that meets a newer line throws every time and forgets nothing")
    func tailStaysPut() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let tail = store.makeTail()
        try store.append([.sync(Fixture.sync)])
        #expect(try tail.poll().records == [.sync(Fixture.sync)])
        try store.append([.job(Fixture.job("j1"))])
        try appendRaw(Array(#"{"data":{},"schema":4,"seq":2,"type":"sync"}"#.utf8) + [10], to: dir.file("sync.jsonl"))
        #expect(throws: StoreError.newerSchema(file: dir.file("sync.jsonl").path, line: 2, version: 4, supported: 3)) {
            try tail.poll()
        }
        #expect(throws: StoreError.self) { try tail.poll() }
    }

    @Test("an impossible schema version is a malformed line, not an upgrade")
    func schemaZero() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        try write(Array(#"{"data":{"at":1,"name":"a"},"schema":0,"seq":1,"type":"vault-removed"}"#.utf8) + [10], to: dir.file("vaults.jsonl"))
        let load = try Store(directory: dir.store).load()
        #expect(load.records == [])
        #expect(load.problems.map(\.description) == ["vaults.jsonl:1: schema 0 is not a store schema version"])
    }

    /// A line exactly as vaultwatch wrote it before schema 2: no `prev`, even in acks and alerts.
    static func schemaOneLine(_ record: Record, seq: Int) throws -> String {
        let data = String(decoding: try RecordEncoder().data(of: record), as: UTF8.self)
        return #"{"data":\#(data),"schema":1,"seq":\#(seq),"type":"\#(record.type.rawValue)"}"#
    }

    @Test("schema-1 lines of every kind load as today's records, and appends chain on after them")
    func schemaOneUpgrades() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append(Fixture.everyKind)
        // Rewrite every file as the previous version would have written it.
        var seqByFile: [String: Int] = [:]
        var byFile: [String: [String]] = [:]
        for record in Fixture.everyKind {
            let file = StoreFile(for: record).relativePath
            seqByFile[file, default: 0] += 1
            byFile[file, default: []].append(try Self.schemaOneLine(record, seq: seqByFile[file]!))
        }
        for (file, written) in byFile { try write(Array(written.map { $0 + "\n" }.joined().utf8), to: dir.file(file)) }
        let before = snapshot(of: dir.store)

        let load = try Store(directory: dir.store).load()
        #expect(load.records == Fixture.everyKind)
        #expect(load.problems == [])
        #expect(snapshot(of: dir.store) == before, "reading upgrades in memory only")

        let report = try Store(directory: dir.store).verify()
        #expect(report.chainsHold)
        #expect(report.files.map(\.description) == [
            "events.jsonl: intact, 2 lines (all unchained, written before the chain); no digest covers it yet (all 2 are not yet covered)",
            "alerts.jsonl: intact, 1 line (all unchained, written before the chain); no digest covers it yet (its line is not yet covered)",
            "acks.jsonl: intact, 2 lines (all unchained, written before the chain); no digest covers it yet (all 2 are not yet covered)",
        ])

        let ack = Fixture.ack(3, of: "alert-3")
        try Store(directory: dir.store).append([.acknowledgement(ack)])
        let acks = lines(of: dir.file("acks.jsonl"))
        #expect(acks.count == 3)
        #expect(acks[2].contains(#""prev":"\#(ChainHash.of(Array(acks[1].utf8)[...]))","schema":3,"seq":3,"#))
        #expect(try Store(directory: dir.store).verify().file("acks.jsonl")?.description
            == "acks.jsonl: intact, 3 lines (the first 2 unchained, written before the chain); no digest covers it yet (all 3 are not yet covered)")

        // The chain vouches for the last unchained line: editing it is found.
        try write(Array((acks[0] + "\n" + acks[1].replacingOccurrences(of: "bob@host", with: "eve@host") + "\n" + acks[2] + "\n").utf8), to: dir.file("acks.jsonl"))
        #expect(try Store(directory: dir.store).verify().file("acks.jsonl")?.breakage?.line == 2)
    }

    @Test("a schema-4 line stops verify too, naming file and line, and changes nothing")
    func newerSchemaStopsVerify() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.acknowledgement(Fixture.ack(1, of: "a"))])
        try appendRaw(Array(#"{"data":{},"prev":"x","schema":4,"seq":2,"type":"acknowledgement"}"#.utf8) + [10], to: dir.file("acks.jsonl"))
        let before = snapshot(of: dir.store)
        let error = #expect(throws: StoreError.self) { try store.verify() }
        #expect(error == .newerSchema(file: dir.file("acks.jsonl").path, line: 2, version: 4, supported: 3))
        #expect(error?.description.contains("acks.jsonl:2 was written by a newer vaultwatch (store schema 4; this one reads up to 3)") == true)
        #expect(throws: StoreError.self) { try store.load() }
        #expect(snapshot(of: dir.store) == before)
    }

    @Test("compaction, repair and a digest read every file first: a newer line in alerts.jsonl leaves the disk byte-identical")
    func writersCheckEveryFile() throws {
        let dir = TemporaryDirectory()
        let key = try DigestKey()
        let store = try Store(directory: dir.store, calls: .live, clock: SystemClock(), signer: key)
        try store.append(Fixture.everyKind + [.vault(Fixture.vault("plain")), .vault(Fixture.vault("plain"))])
        try appendRaw(Array(#"{"data":{"id":"half"#.utf8), to: dir.file("jobs.jsonl"))
        chmod(dir.file("vaults.jsonl").path, 0o644)
        try appendRaw(Array(#"{"data":{},"prev":"x","schema":4,"seq":2,"type":"alert"}"#.utf8) + [10], to: dir.file("alerts.jsonl"))
        let before = snapshotWithModes(of: dir.store)
        let newer = StoreError.newerSchema(file: dir.file("alerts.jsonl").path, line: 2, version: 4, supported: 3)
        let writer = try Store(directory: dir.store, calls: .live, clock: SystemClock(), signer: key)
        #expect(throws: newer) { try writer.compact() }
        #expect(throws: newer) { try writer.repair() }
        #expect(throws: newer) { try writer.signDigest() }
        #expect(snapshotWithModes(of: dir.store) == before)
    }
}
