import Foundation
import Glibc
import Testing
import VaultCore

@testable import VaultStore

@Suite("Reading never writes")
struct ReadOnlyTests {
    /// A store a reader should leave alone: a torn last line, loose modes everywhere.
    static func untidy(_ dir: borrowing TemporaryDirectory) throws {
        try Store(directory: dir.store).append(Fixture.everyKind)
        try appendRaw(Array(#"{"data":{"alertId":"half"#.utf8), to: dir.file("acks.jsonl"))
        chmod(dir.store.path, 0o777)
        chmod(dir.store.appendingPathComponent("points").path, 0o755)
        chmod(dir.file("alerts.jsonl").path, 0o644)
        chmod(dir.file("vaults.jsonl").path, 0o666)
    }

    @Test("loading, tailing, verifying and surveying a store opened for reading change no byte and no mode")
    func nothingChanges() throws {
        let dir = TemporaryDirectory()
        try Self.untidy(dir)
        let before = snapshotWithModes(of: dir.store)
        let store = try Store(readingFrom: dir.store)
        let load = try store.load()
        #expect(load.problems.map(\.description) == [
            "acks.jsonl:3: a torn last line of 24 bytes was not read (a writer stopped mid-line); `vaultwatch store repair` sets it aside in acks.jsonl.torn"
        ])
        _ = try store.loadAccount()
        _ = try store.makeTail().poll()
        _ = try store.verify()
        #expect(store.setAsideTornLines().map(\.kind) == [.tornLine])
        #expect(store.tornLines().count == 1)
        _ = store.permissionProblems()
        #expect(snapshotWithModes(of: dir.store) == before)
        #expect(throws: StoreError.readOnly(path: dir.store.path)) { try store.append([.job(Fixture.job("j"))]) }
        #expect(throws: StoreError.readOnly(path: dir.store.path)) { try store.acknowledge(Fixture.ack(9, of: "x")) }
        #expect(throws: (any Error).self) { try store.compact() }
        #expect(snapshotWithModes(of: dir.store) == before)
    }

    @Test("wrong modes are named with the one command that fixes them all")
    func modesNamed() throws {
        let dir = TemporaryDirectory()
        try Self.untidy(dir)
        let fix = "chmod -R go-rwx '\(dir.store.path)'"
        #expect(try Store(readingFrom: dir.store).permissionProblems().map(\.description) == [
            "the store directory is 0777: others can read and change it; fix: \(fix)",
            "points: the points folder is 0755: others can read it; fix: \(fix)",
            "vaults.jsonl: 2 files are looser than 0600 (vaults.jsonl, alerts.jsonl): others can read or change them; fix: \(fix)",
        ])
        // The named command does fix it.
        let chmod = Process()
        chmod.executableURL = URL(fileURLWithPath: "/bin/sh")
        chmod.arguments = ["-c", fix]
        try chmod.run()
        chmod.waitUntilExit()
        #expect(try Store(readingFrom: dir.store).permissionProblems() == [])
    }

    @Test("a store that belongs to another user is read, said, and never written")
    func anotherUser() throws {
        guard geteuid() == 0 else { return }  // only root can give files away
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append(Fixture.everyKind)
        for path in [dir.store.path, dir.store.appendingPathComponent("points").path] + snapshot(of: dir.store).keys.map({ dir.store.path + $0 }) {
            chown(path, 65534, 65534)
        }
        let before = snapshotWithModes(of: dir.store)
        let reader = try Store(readingFrom: dir.store)
        #expect(try reader.load().records == Fixture.everyKind)
        let problems = reader.permissionProblems().map(\.description)
        #expect(problems.first == "the store directory belongs to uid 65534, not to you (uid 0): vaultwatch reads it but will not write to it; to make it yours: chown -R 0 '\(dir.store.path)'")
        #expect(problems.count == 3)
        #expect(throws: StoreError.notYours(path: dir.store.path, owner: 65534, user: 0)) { try Store(directory: dir.store) }
        #expect(snapshotWithModes(of: dir.store) == before)
    }

    @Test("a missing store is not made by a reader")
    func missing() throws {
        let dir = TemporaryDirectory()
        #expect(throws: StoreError.noStore(path: dir.store.path)) { try Store(readingFrom: dir.store) }
        #expect(!FileManager.default.fileExists(atPath: dir.store.path))
    }

    @Test("store repair reads everything, then narrows, sets aside and removes what a compaction left, saying each")
    func repair() throws {
        let dir = TemporaryDirectory()
        try Self.untidy(dir)
        try write(Array("half a compaction".utf8), to: dir.file("vaults.jsonl.compacting"))
        let store = try Store(directory: dir.store)
        let repairs = try store.repair().map(\.description)
        #expect(repairs == [
            "narrowed the store directory's permissions from 0777 to 0700 (others could read and change it)",
            "points: narrowed the store's points folder's permissions from 0755 to 0700 (others could read it)",
            "vaults.jsonl: narrowed its permissions from 0666 to 0600 (others could read and change it)",
            "vaults.jsonl.compacting: removed what an interrupted compaction left behind (17 bytes; vaults.jsonl itself was whole)",
            "alerts.jsonl: narrowed its permissions from 0644 to 0600 (others could read it)",
            "acks.jsonl: set aside 24 bytes of a torn last line in acks.jsonl.torn",
        ])
        #expect(try Store(readingFrom: dir.store).permissionProblems() == [])
        #expect(try Store(directory: dir.store).repair() == [], "a second repair has nothing to do")
    }
}
