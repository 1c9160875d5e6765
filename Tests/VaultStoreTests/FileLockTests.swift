import Foundation
import Glibc
import Synchronization
import Testing

@testable import VaultStore

/// A lock held by a stopped or hung process is waited for a bounded time, then refused with the
/// holder named, never waited for forever in silence.
@Suite("Bounded waits for a store lock")
struct FileLockTests {
    /// `flock(1)` holding `file` (exclusively or shared) in another process for `seconds`, or until
    /// killed (`-o`: its `sleep` does not hold the lock too; Foundation waits for that `sleep` too,
    /// so it is short).
    static func holder(of file: URL, shared: Bool, for seconds: Double = 2) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = [shared ? "-s" : "-x", "-o", file.path, "sleep", "\(seconds)"]
        try process.run()
        // Until the lock shows in /proc/locks.
        for _ in 0..<200 {
            let fd = open(file.path, O_RDONLY)
            defer { close(fd) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 { return process }
            flock(fd, LOCK_UN)
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        throw StoreError.cannotLock(path: file.path, reason: "flock(1) never took the lock")
    }

    @Test("another process's lock: refused after the patience, naming the process", arguments: [true, false])
    func heldElsewhere(shared: Bool) throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("acks.jsonl")
        try Data("x\n".utf8).write(to: file)
        let process = try Self.holder(of: file, shared: shared)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let fd = open(file.path, O_RDWR)
        defer { close(fd) }
        #expect(throws: StoreError.cannotLock(
            path: file.path,
            reason: "process \(process.processIdentifier) (flock) has held it for more than 0.2 s; if it is stopped (Ctrl-Z),"
                + " resume it (fg, or kill -CONT) or end it, then try again")
        ) {
            try FileLock.acquire(fd, exclusive: true, path: file.path, patience: 0.2)
        }
        if shared {
            // A reader's shared lock does not keep another reader waiting.
            try FileLock.acquire(fd, exclusive: false, path: file.path, patience: 0.2)
        }
    }

    @Test("a lock freed while waiting is taken")
    func freedWhileWaiting() throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("acks.jsonl")
        try Data("x\n".utf8).write(to: file)
        let process = try Self.holder(of: file, shared: false, for: 0.3)
        let fd = open(file.path, O_RDWR)
        defer { close(fd) }
        try FileLock.acquire(fd, exclusive: true, path: file.path, patience: 10)
        process.waitUntilExit()
    }

    /// A wait that goes on is told to `StoreLockWait`'s observer with the holder named, once, and
    /// its end (nil) once the lock is taken.
    @Test func aLongWaitIsToldWithItsHolderAndItsEnd() throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("vaults.jsonl")
        try Data("x\n".utf8).write(to: file)
        let process = try Self.holder(of: file, shared: false, for: 1.5)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let told = Mutex<[StoreLockWait?]>([])
        StoreLockWait.observe { wait in
            // Only this test's file: another test may wait for a lock of its own meanwhile.
            if wait == nil || wait?.path == file.path { told.withLock { $0.append(wait) } }
        }
        defer { StoreLockWait.observe(nil) }
        let fd = open(file.path, O_RDONLY)
        defer { close(fd) }
        try FileLock.acquire(fd, exclusive: false, path: file.path, patience: 10, noticeAfter: 0.2)
        let waits = told.withLock { $0 }
        let first = try #require(waits.first ?? nil)
        #expect(first.holder == "process \(process.processIdentifier) (flock)")
        #expect(first.description == "waiting for \(file.path)'s lock, held by process \(process.processIdentifier) (flock)")
        #expect(waits.last! == nil)
        #expect(waits.compactMap { $0 }.count == 1)
    }
}
