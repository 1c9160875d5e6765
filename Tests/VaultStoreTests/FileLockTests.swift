import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import VaultStore

/// A lock held by a stopped or hung process is waited for a bounded time, then refused with the
/// holder named, never waited for forever in silence.
@Suite("Bounded waits for a store lock", .serialized)
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

    /// A wait that goes on is told to `StoreLockWait`'s observer with the holder named, and is
    /// no longer going on once the lock is taken. (Other tests may wait for locks of their own
    /// meanwhile: only this file's wait is looked at.)
    @Test func aLongWaitIsToldWithItsHolderAndItsEnd() throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("vaults.jsonl")
        try Data("x\n".utf8).write(to: file)
        let process = try Self.holder(of: file, shared: false, for: 1.5)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let told = Mutex<[StoreLockWait]>([])
        StoreLockWait.observe { wait in
            if let wait, wait.path == file.path { told.withLock { $0.append(wait) } }
        }
        defer { StoreLockWait.observe(nil) }
        let fd = open(file.path, O_RDONLY)
        defer { close(fd) }
        try FileLock.acquire(fd, exclusive: false, path: file.path, patience: 10, noticeAfter: 0.2)
        let waits = told.withLock { $0 }
        let first = try #require(waits.first)
        #expect(first.holder == "process \(process.processIdentifier) (flock)")
        #expect(first.description == "waiting for \(file.path)'s lock, held by process \(process.processIdentifier) (flock)")
        #expect(!StoreLockWait.active.contains { $0.path == file.path })
    }

    /// A lock this process holds itself (another of its writers' turns, on a descriptor of its
    /// own) is waited for as any other, but not told as another process's.
    @Test func aWaitForThisProcessesOwnLockIsNotTold() throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("acks.jsonl")
        try Data("x\n".utf8).write(to: file)
        let held = open(file.path, O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let told = Mutex<[StoreLockWait]>([])
        StoreLockWait.observe { wait in
            if let wait, wait.path == file.path { told.withLock { $0.append(wait) } }
        }
        defer { StoreLockWait.observe(nil) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.8) { flock(held, LOCK_UN) }
        let fd = open(file.path, O_RDONLY)
        defer { close(fd) }
        try FileLock.acquire(fd, exclusive: true, path: file.path, patience: 10, noticeAfter: 0.2)
        #expect(told.withLock { $0 }.isEmpty)
    }

    /// Two waits at once: the end of one does not hide the other, and the newest is what is told.
    @Test func overlappingWaitsEachEndOnTheirOwn() {
        let told = Mutex<[StoreLockWait?]>([])
        let a = StoreLockWait(path: "/test/overlap/a.jsonl", holder: "process 1 (x)")
        let b = StoreLockWait(path: "/test/overlap/b.jsonl", holder: "process 2 (y)")
        StoreLockWait.observe { wait in
            if wait == nil || wait!.path.hasPrefix("/test/overlap/") { told.withLock { $0.append(wait) } }
        }
        defer { StoreLockWait.observe(nil) }
        let first = StoreLockWait.begin(a)
        let second = StoreLockWait.begin(b)
        StoreLockWait.end(first)
        #expect(StoreLockWait.active.filter { $0.path.hasPrefix("/test/overlap/") } == [b])
        StoreLockWait.end(second)
        #expect(!StoreLockWait.active.contains { $0.path.hasPrefix("/test/overlap/") })
        // a, then b; after a's end still b; nil (or another test's wait) once b's is over.
        let seen = told.withLock { $0 }
        #expect(Array(seen.prefix(3)) == [a, b, b])
    }
}
