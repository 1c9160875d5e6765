import Foundation
import Glibc
import Testing
import VaultCore

@testable import VaultStore

/// No symbolic link in the store is ever followed: the store itself, its points folder, a store
/// file, a side file. Each is refused with a message naming it, and what it points to is untouched.
@Suite("Links are never followed")
struct LinkTests {
    /// A directory elsewhere, 0755 with a file in it, that a link in the store points to.
    static func elsewhere(_ dir: borrowing TemporaryDirectory) throws -> URL {
        let other = dir.url.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        chmod(other.path, 0o755)
        try write(Array("keep me\n".utf8), to: other.appendingPathComponent("prod.jsonl"))
        return other
    }

    @Test("a points folder that is a link: readers and writers refuse it by name, and the folder it names is untouched")
    func pointsFolder() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.vault(Fixture.vault("prod"))])
        let other = try Self.elsewhere(dir)
        let points = dir.store.appendingPathComponent("points")
        try FileManager.default.createSymbolicLink(at: points, withDestinationURL: other)
        let before = snapshotWithModes(of: other)

        let link = StoreError.symbolicLink(path: points.path)
        #expect(throws: link) { try Store(readingFrom: dir.store).loadAccount() }
        #expect(throws: link) { try Store(readingFrom: dir.store).load() }
        #expect(throws: link) { try Store(directory: dir.store).append([.recoveryPoint(Fixture.point(1, in: "prod"))]) }
        #expect(throws: link) { try Store(directory: dir.store).compact() }
        #expect(link.description == "refusing \(points.path): it is a symbolic link, and the store follows none (put the directory or file itself there)")
        #expect(snapshotWithModes(of: other) == before)
        #expect(mode(of: other) == 0o755)
    }

    @Test("a store directory that is a link is refused, for reading and for writing")
    func storeItself() throws {
        let dir = TemporaryDirectory()
        let other = try Self.elsewhere(dir)
        try FileManager.default.createSymbolicLink(at: dir.store, withDestinationURL: other)
        #expect(throws: StoreError.symbolicLink(path: dir.store.path)) { try Store(readingFrom: dir.store) }
        #expect(throws: StoreError.symbolicLink(path: dir.store.path)) { try Store(directory: dir.store) }
        #expect(mode(of: other) == 0o755)
    }

    @Test("links in place of a file, a torn line's side file or a compaction's new file are refused, their targets untouched")
    func files() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.vault(Fixture.vault("a")), .vault(Fixture.vault("a")), .alert(Fixture.alert("ev-0"))])
        let target = dir.url.appendingPathComponent("target")
        try write(Array("target\n".utf8), to: target)
        chmod(target.path, 0o644)

        try FileManager.default.createSymbolicLink(at: dir.file("jobs.jsonl"), withDestinationURL: target)
        #expect(throws: StoreError.symbolicLink(path: dir.file("jobs.jsonl").path)) { try store.append([.job(Fixture.job("j"))]) }
        #expect(throws: StoreError.symbolicLink(path: dir.file("jobs.jsonl").path)) { try Store(readingFrom: dir.store).load() }
        try FileManager.default.removeItem(at: dir.file("jobs.jsonl"))

        try appendRaw(Array("{\"torn".utf8), to: dir.file("alerts.jsonl"))
        try FileManager.default.createSymbolicLink(at: dir.file("alerts.jsonl.torn"), withDestinationURL: target)
        #expect(throws: StoreError.symbolicLink(path: dir.file("alerts.jsonl.torn").path)) {
            try store.append([.alert(Fixture.alert("ev-1"))])
        }

        try FileManager.default.createSymbolicLink(at: dir.file("vaults.jsonl.compacting"), withDestinationURL: target)
        #expect(throws: StoreError.symbolicLink(path: dir.file("vaults.jsonl.compacting").path)) {
            try Store(directory: dir.store).compact()
        }
        #expect(bytes(of: target) == Array("target\n".utf8))
        #expect(mode(of: target) == 0o644)
    }

    @Test("a link in place of the feeds' set-aside file is refused for writing and for reading, its target untouched")
    func setAsideFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let target = dir.url.appendingPathComponent("target")
        try write(Array("target\n".utf8), to: target)
        let side = dir.file(Store.setAsideFileName)
        try FileManager.default.createSymbolicLink(at: side, withDestinationURL: target)
        let entry = SetAsideEntry(at: Date(timeIntervalSince1970: 0), source: "sqs q", messageId: "m", reason: "not JSON", body: "x")
        #expect(throws: StoreError.symbolicLink(path: side.path)) { try store.setAside(entry) }
        #expect(throws: StoreError.symbolicLink(path: side.path)) { try store.setAsideEntries() }
        #expect(bytes(of: target) == Array("target\n".utf8))
    }
}
