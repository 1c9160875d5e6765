import Foundation
import Glibc
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

/// A disk that takes `budget` more bytes and then reports itself full (ENOSPC), or whose flush
/// fails (EIO): the failures an append must survive without leaving a partial line behind.
final class FailingDisk: Sendable {
    private let budget: Mutex<Int?>
    private let flushFails: Bool

    init(budget: Int?, flushFails: Bool = false) {
        self.budget = Mutex(budget)
        self.flushFails = flushFails
    }

    var calls: SystemCalls {
        SystemCalls(
            write: { [self] fd, bytes in
                let allowed = budget.withLock { budget -> Int? in
                    guard let left = budget else { return nil }
                    let n = min(left, bytes.count)
                    budget = left - n
                    return n
                }
                let count = allowed ?? bytes.count
                if count == 0 { return (-1, ENOSPC) }
                return SystemCalls.live.write(fd, UnsafeRawBufferPointer(rebasing: bytes[..<count]))
            },
            fsync: { [self] fd in flushFails ? (-1, EIO) : SystemCalls.live.fsync(fd) })
    }
}

@Suite("Write failures")
struct WriteFailureTests {
    @Test("a disk that fills up mid-append leaves the file exactly as it was")
    func diskFull() throws {
        let dir = TemporaryDirectory()
        let healthy = try Store(directory: dir.store)
        try healthy.append((1...3).map { .alert(Fixture.alert("ev-\($0)")) })
        let file = dir.file("alerts.jsonl")
        let before = bytes(of: file)

        // 150 bytes reach the disk: the first line of the append, but not all of it.
        let disk = FailingDisk(budget: 150)
        let failing = try Store(directory: dir.store, calls: disk.calls, clock: SystemClock())
        let error = #expect(throws: StoreError.self) {
            try failing.append([.alert(Fixture.alert("ev-4")), .alert(Fixture.alert("ev-5"))])
        }
        #expect(error == .writeFailed(path: file.path, reason: "No space left on device"))
        #expect(bytes(of: file) == before)

        try healthy.append([.alert(Fixture.alert("ev-6"))])
        #expect(seqs(of: file) == [1, 2, 3, 4])
        let load = try healthy.load()
        #expect(load.problems == [])
        #expect(load.records == [1, 2, 3, 6].map { .alert(Fixture.alert("ev-\($0)")) })
    }

    @Test("a failing store forgets its cached seq, so its next append numbers correctly")
    func cacheForgotten() throws {
        let dir = TemporaryDirectory()
        let disk = FailingDisk(budget: 0)
        let store = try Store(directory: dir.store, calls: disk.calls, clock: SystemClock())
        #expect(throws: StoreError.self) { try store.append([.job(Fixture.job("j1"))]) }
        #expect(bytes(of: dir.file("jobs.jsonl")) == [])
        try Store(directory: dir.store).append([.job(Fixture.job("j2"))])
        let retry = try Store(directory: dir.store)
        try retry.append([.job(Fixture.job("j3"))])
        #expect(seqs(of: dir.file("jobs.jsonl")) == [1, 2])
    }

    @Test("a failed flush of the audit trail takes the lines back out")
    func flushFails() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.acknowledgement(Fixture.ack(1, of: "a"))])
        let file = dir.file("acks.jsonl")
        let before = bytes(of: file)

        let disk = FailingDisk(budget: nil, flushFails: true)
        let store = try Store(directory: dir.store, calls: disk.calls, clock: SystemClock())
        let error = #expect(throws: StoreError.self) { try store.append([.acknowledgement(Fixture.ack(2, of: "a"))]) }
        #expect(error == .writeFailed(path: file.path, reason: "cannot flush it to disk: Input/output error"))
        #expect(bytes(of: file) == before)

        // Files that are not the audit trail are not flushed, so the same disk stores a job.
        try store.append([.job(Fixture.job("j1"))])
        #expect(seqs(of: dir.file("jobs.jsonl")) == [1])
    }

    @Test("a torn line that cannot be set aside on a full disk: one error naming both files, no empty side file, nothing cut")
    func tornLineOnAFullDisk() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.acknowledgement(Fixture.ack(1, of: "a"))])
        try appendRaw(Array(#"{"data":{"alertId":"half"#.utf8), to: dir.file("acks.jsonl"))
        let before = bytes(of: dir.file("acks.jsonl"))
        let full = try Store(directory: dir.store, calls: FailingDisk(budget: 0).calls, clock: SystemClock())
        let error = #expect(throws: StoreError.self) { try full.acknowledge(Fixture.ack(2, of: "b")) }
        guard case .cannotSetAside(let path, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == dir.file("acks.jsonl").path)
        #expect(reason == "cannot write \(dir.file("acks.jsonl.torn").path): No space left on device")
        #expect(!FileManager.default.fileExists(atPath: dir.file("acks.jsonl.torn").path))
        #expect(bytes(of: dir.file("acks.jsonl")) == before)
        // With room again, the next write sets it aside and says so.
        let healthy = try Store(directory: dir.store)
        _ = try healthy.acknowledge(Fixture.ack(2, of: "b"))
        #expect(healthy.takeNotes().map(\.description) == ["acks.jsonl: set aside 24 bytes of a torn last line in acks.jsonl.torn"])
    }
}
