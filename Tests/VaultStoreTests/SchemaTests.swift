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
        try appendRaw(Array(#"{"data":{"shape":"new"},"schema":2,"seq":2,"type":"alert-v2"}"#.utf8) + [10], to: dir.file("alerts.jsonl"))
        try store.append([.alert(Fixture.alert("ev-9"))])
        let before = snapshot(of: dir.store)

        let error = #expect(throws: StoreError.self) { try store.load() }
        #expect(error == .newerSchema(file: dir.file("alerts.jsonl").path, line: 2, version: 2, supported: 1))
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
        try appendRaw(Array(#"{"data":{},"schema":3,"seq":2,"type":"sync"}"#.utf8) + [10], to: dir.file("sync.jsonl"))
        #expect(throws: StoreError.newerSchema(file: dir.file("sync.jsonl").path, line: 2, version: 3, supported: 1)) {
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
}
