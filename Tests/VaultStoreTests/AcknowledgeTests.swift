import Foundation
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

@Suite("Acknowledging exactly once")
struct AcknowledgeTests {
    @Test("a second acknowledgement of an alert is refused with the first's author and time; nothing is written")
    func second() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let first = Fixture.ack(1, of: "alert-a")
        #expect(try store.acknowledge(first) == .recorded(first))
        let before = bytes(of: dir.file("acks.jsonl"))
        let other = Acknowledgement(id: "ack-x", alertId: "alert-a", by: "bob@host", at: Fixture.now, note: nil)
        #expect(try Store(directory: dir.store).acknowledge(other) == .alreadyAcknowledged(first))
        #expect(try store.acknowledge(other) == .alreadyAcknowledged(first))
        #expect(bytes(of: dir.file("acks.jsonl")) == before)
        #expect(try store.acknowledge(Fixture.ack(2, of: "alert-b")) == .recorded(Fixture.ack(2, of: "alert-b")))
    }

    @Test("what other writers appended since is read before deciding, from where this store left off")
    func followsOthers() throws {
        let dir = TemporaryDirectory()
        let mine = try Store(directory: dir.store)
        #expect(try mine.acknowledge(Fixture.ack(1, of: "a1")) == .recorded(Fixture.ack(1, of: "a1")))
        // Another process appends (any way at all), then this one decides.
        try Store(directory: dir.store).append([.acknowledgement(Fixture.ack(2, of: "a2"))])
        #expect(try mine.acknowledge(Fixture.ack(3, of: "a2")) == .alreadyAcknowledged(Fixture.ack(2, of: "a2")))
        // A file replaced under it (a new inode) is read again whole.
        let acks = dir.file("acks.jsonl")
        let copy = dir.url.appendingPathComponent("copy")
        try write(Array(bytes(of: acks).prefix { _ in true }), to: copy)
        try ChainTests.rewrite(copy) { $0.removeLast() }
        _ = rename(copy.path, acks.path)
        #expect(try mine.acknowledge(Fixture.ack(4, of: "a2")) == .recorded(Fixture.ack(4, of: "a2")))
    }

    @Test("8 threads with their own stores acknowledge 50 alerts at once: one acknowledgement each")
    func racing() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        let recorded = Mutex<[String: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            guard let store = try? Store(directory: dir.store) else { return }
            for n in 0..<50 {
                let ack = Acknowledgement(id: "w\(worker)-\(n)", alertId: "alert-\(n)", by: "w\(worker)", at: Fixture.now, note: nil)
                if case .recorded = try? store.acknowledge(ack) { recorded.withLock { $0[ack.alertId, default: []].append(ack.by) } }
            }
        }
        #expect(recorded.withLock { $0.count } == 50)
        #expect(recorded.withLock { $0.values.allSatisfy { $0.count == 1 } })
        let stored = try Store(directory: dir.store).load().records.compactMap { record -> String? in
            if case .acknowledgement(let ack) = record { return ack.alertId }
            return nil
        }
        #expect(stored.count == 50)
        #expect(Set(stored).count == 50)
    }

    @Test("a line from a newer vaultwatch in acks.jsonl stops it before anything is written")
    func newerSchema() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.acknowledgement(Fixture.ack(1, of: "a"))])
        try appendRaw(Array(#"{"data":{},"schema":4,"seq":2,"type":"acknowledgement"}"#.utf8) + [10], to: dir.file("acks.jsonl"))
        let before = snapshotWithModes(of: dir.store)
        #expect(throws: StoreError.newerSchema(file: dir.file("acks.jsonl").path, line: 2, version: 4, supported: 3)) {
            try Store(directory: dir.store).acknowledge(Fixture.ack(2, of: "b"))
        }
        #expect(snapshotWithModes(of: dir.store) == before)
    }
}
