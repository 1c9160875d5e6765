import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Directory and file permissions")
struct PermissionTests {
    @Test("the directory is created 0700 with its parents, and every file 0600")
    func createdPrivate() throws {
        let dir = TemporaryDirectory()
        let nested = dir.url.appendingPathComponent("a/b/store", isDirectory: true)
        try Store(directory: nested).append(Fixture.everyKind)
        #expect(mode(of: nested) == 0o700)
        #expect(mode(of: dir.url.appendingPathComponent("a")) == 0o700)
        #expect(mode(of: nested.appendingPathComponent("points")) == 0o700)
        let files = snapshot(of: nested).keys.sorted()
        // The records' files, and the points file's summary and ARN hashes.
        #expect(files.count == 10)
        for file in files {
            #expect(mode(of: nested.appendingPathComponent(String(file.dropFirst()))) == 0o600, "\(file)")
        }
    }

    @Test("a looser directory, points folder and file are narrowed when written, and each narrowing is said")
    func tightened() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.store.appendingPathComponent("points"), withIntermediateDirectories: true)
        chmod(dir.store.path, 0o755)
        chmod(dir.store.appendingPathComponent("points").path, 0o777)
        try write([], to: dir.file("alerts.jsonl"))
        chmod(dir.file("alerts.jsonl").path, 0o644)
        #expect(mode(of: dir.store) == 0o755)

        let store = try Store(directory: dir.store)
        #expect(mode(of: dir.store) == 0o700)
        #expect(store.takeNotes().map(\.description) == [
            "narrowed the store directory's permissions from 0755 to 0700 (others could read it)"
        ])
        try store.append([.alert(Fixture.alert("ev-1")), .recoveryPoint(Fixture.point(1, in: "prod"))])
        #expect(mode(of: dir.file("alerts.jsonl")) == 0o600)
        #expect(mode(of: dir.store.appendingPathComponent("points")) == 0o700)
        #expect(store.takeNotes().map(\.description) == [
            "points: narrowed the store's points folder's permissions from 0777 to 0700 (others could read and change it)",
            "alerts.jsonl: narrowed its permissions from 0644 to 0600 (others could read it)",
        ])
        #expect(store.takeNotes() == [], "each is said once")
    }

    @Test("a file in the way of the directory is named in the error")
    func fileInTheWay() throws {
        let dir = TemporaryDirectory()
        try write(Array("not a directory".utf8), to: dir.store)
        let error = #expect(throws: StoreError.self) { try Store(directory: dir.store) }
        #expect(error == .notADirectory(path: dir.store.path, what: "the store directory"))
        #expect(error?.description.contains(dir.store.path) == true)
    }

    @Test("a parent that is a file gives the OS reason and the path")
    func parentIsAFile() throws {
        let dir = TemporaryDirectory()
        let blocker = dir.url.appendingPathComponent("blocker")
        try write([], to: blocker)
        let target = blocker.appendingPathComponent("state/store")
        let error = #expect(throws: StoreError.self) { try Store(directory: target) }
        guard case .cannotCreateDirectory(let path, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == target.path)
        #expect(reason.contains("Not a directory"))
        #expect(error?.description.hasPrefix("cannot create the store directory \(target.path)") == true)
    }

    @Test("a symbolic link in place of a store file is refused, not followed")
    func symlinkRefused() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let elsewhere = dir.url.appendingPathComponent("elsewhere")
        try write([], to: elsewhere)
        try FileManager.default.createSymbolicLink(at: dir.file("alerts.jsonl"), withDestinationURL: elsewhere)
        #expect(throws: StoreError.self) { try store.append([.alert(Fixture.alert("ev-1"))]) }
        #expect(bytes(of: elsewhere).isEmpty)
    }
}
