import Foundation
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

@Suite("Sequence numbers")
struct SequenceTests {
    @Test("seq starts at 1 per file and continues across separate Store instances")
    func continuesAcrossInstances() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.job(Fixture.job("j1")), .job(Fixture.job("j2")), .sync(Fixture.sync)])
        try Store(directory: dir.store).append([.job(Fixture.job("j3"))])
        let first = try Store(directory: dir.store)
        let second = try Store(directory: dir.store)
        try first.append([.job(Fixture.job("j4"))])
        try second.append([.job(Fixture.job("j5")), .job(Fixture.job("j6"))])
        try first.append([.job(Fixture.job("j7")), .sync(Fixture.failedSync)])

        #expect(seqs(of: dir.file("jobs.jsonl")) == [1, 2, 3, 4, 5, 6, 7])
        #expect(seqs(of: dir.file("sync.jsonl")) == [1, 2])
    }

    @Test("seq keeps counting lines past a malformed last line")
    func pastMalformedLastLine() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.job(Fixture.job("j1")), .job(Fixture.job("j2"))])
        try appendRaw(Array("not json at all\n".utf8), to: dir.file("jobs.jsonl"))
        try Store(directory: dir.store).append([.job(Fixture.job("j3"))])
        #expect(seqs(of: dir.file("jobs.jsonl")) == [1, 2, nil, 4])
    }

    @Test("8 threads × 500 records through separate instances: every record once, seqs 1…4000")
    func concurrentAppends() throws {
        let dir = TemporaryDirectory()
        let url = dir.store
        _ = try Store(directory: url)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                let store = try Store(directory: url)
                var next = 0
                while next < 500 {
                    let count = min(1 + (next + thread) % 7, 500 - next)
                    try store.append((next..<(next + count)).map { .job(Fixture.job("t\(thread)-\($0)")) })
                    next += count
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])

        let jobs = dir.file("jobs.jsonl")
        #expect(seqs(of: jobs) == Array(1...4000))
        #expect(bytes(of: jobs).last == UInt8(ascii: "\n"))
        let load = try Store(directory: url).load()
        #expect(load.problems == [])
        let ids = load.records.compactMap { record -> String? in
            if case .job(let job) = record { return job.id }
            return nil
        }
        #expect(ids.count == 4000)
        #expect(Set(ids) == Set((0..<8).flatMap { t in (0..<500).map { "t\(t)-\($0)" } }))
        // Each thread's records keep the order it appended them in.
        for t in 0..<8 {
            #expect(ids.filter { $0.hasPrefix("t\(t)-") } == (0..<500).map { "t\(t)-\($0)" })
        }
    }

    @Test("one Store shared by many threads also never interleaves lines")
    func sharedInstance() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for i in 0..<100 {
                do { try store.append([.call(Fixture.call("e\(thread)-\(i)")), .job(Fixture.job("j\(thread)-\(i)"))]) }
                catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(seqs(of: dir.file("events.jsonl")) == Array(1...400))
        #expect(seqs(of: dir.file("jobs.jsonl")) == Array(1...400))
        #expect(try store.load().records.count == 800)
    }
}
