import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Tailing the store")
struct TailTests {
    /// A whole line as the store would write it, for tests that write by hand.
    static func line(_ record: Record, seq: Int) throws -> [UInt8] {
        var buffer: [UInt8] = []
        RecordEncoder.appendLine(to: &buffer, type: record.type, data: try RecordEncoder().data(of: record), seq: seq)
        return buffer
    }

    @Test("the first poll returns everything, later polls exactly what was appended since")
    func newRecordsOnly() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.vault(Fixture.vault("a")), .sync(Fixture.sync)])
        let tail = store.makeTail()
        #expect(try tail.poll().records == [.vault(Fixture.vault("a")), .sync(Fixture.sync)])
        #expect(try tail.poll().records == [])

        let alert = Fixture.alert("ev-1")
        try Store(directory: dir.store).append([.alert(alert), .vault(Fixture.vault("b"))])
        let second = try tail.poll()
        #expect(second.records == [.vault(Fixture.vault("b")), .alert(alert)])
        #expect(second.problems == [])

        try store.append([.acknowledgement(Fixture.ack(1, of: alert.id))])
        #expect(try tail.poll().records == [.acknowledgement(Fixture.ack(1, of: alert.id))])
        #expect(try tail.poll().records == [])
    }

    @Test("an unterminated last line is left until it is complete")
    func unterminatedFragment() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.job(Fixture.job("j1"))])
        let tail = store.makeTail()
        #expect(try tail.poll().records.count == 1)

        let whole = try Self.line(.job(Fixture.job("j2")), seq: 2)
        let file = dir.file("jobs.jsonl")
        try appendRaw(Array(whole.prefix(40)), to: file)
        let partial = try tail.poll()
        #expect(partial.records == [])
        #expect(partial.problems == [])

        try appendRaw(Array(whole.dropFirst(40).dropLast()), to: file)
        #expect(try tail.poll().records == [])
        try appendRaw([10], to: file)
        #expect(try tail.poll().records == [.job(Fixture.job("j2"))])
    }

    @Test("a new points file is discovered")
    func newPointsFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.recoveryPoint(Fixture.point(1, in: "a"))])
        let tail = store.makeTail()
        #expect(try tail.poll().records == [.recoveryPoint(Fixture.point(1, in: "a"))])

        try store.append([.recoveryPoint(Fixture.point(2, in: "新しい/vault"))])
        #expect(try tail.poll().records == [.recoveryPoint(Fixture.point(2, in: "新しい/vault"))])
    }

    @Test("malformed lines are reported with their line numbers across polls")
    func lineNumbersAcrossPolls() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.job(Fixture.job("j1")), .job(Fixture.job("j2"))])
        let tail = store.makeTail()
        _ = try tail.poll()
        try appendRaw(Array("garbage\n".utf8), to: dir.file("jobs.jsonl"))
        try store.append([.job(Fixture.job("j4"))])
        let load = try tail.poll()
        #expect(load.records == [.job(Fixture.job("j4"))])
        #expect(load.problems.map(\.description) == ["jobs.jsonl:3: not valid JSON"])
    }

    @Test("a replaced file is read again from the start, and said so")
    func replacedFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.alert(Fixture.alert("ev-1")), .alert(Fixture.alert("ev-2"))])
        let tail = store.makeTail()
        _ = try tail.poll()

        // Compaction's way: a new file renamed into place.
        let replacement = dir.url.appendingPathComponent("alerts.new")
        try write(try Self.line(.alert(Fixture.alert("ev-2")), seq: 1), to: replacement)
        #expect(rename(replacement.path, dir.file("alerts.jsonl").path) == 0)

        let load = try tail.poll()
        #expect(load.records == [.alert(Fixture.alert("ev-2"))])
        #expect(load.problems.map(\.kind) == [.fileChanged])
        #expect(load.problems.first?.description.hasPrefix("alerts.jsonl: was replaced") == true)
    }

    @Test("a file cut below what was read is read again from the start")
    func shrunkFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append((1...5).map { .job(Fixture.job("j\($0)")) })
        let tail = store.makeTail()
        _ = try tail.poll()
        #expect(truncate(dir.file("jobs.jsonl").path, 0) == 0)
        try store.append([.job(Fixture.job("again"))])

        let load = try tail.poll()
        #expect(load.records == [.job(Fixture.job("again"))])
        #expect(load.problems.map(\.kind) == [.fileChanged])
        #expect(load.problems.first?.description.contains("shrank") == true)
    }

    @Test("a torn line set aside by a load is not mistaken for a shrink")
    func repairIsNotAShrink() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.job(Fixture.job("j1")), .job(Fixture.job("j2"))])
        try appendRaw(Array("{\"data\":".utf8), to: dir.file("jobs.jsonl"))
        let tail = store.makeTail()
        #expect(try tail.poll().records.count == 2)

        #expect(try store.load().problems.map(\.kind) == [.tornLine])
        try store.append([.job(Fixture.job("j3"))])
        let load = try tail.poll()
        #expect(load.records == [.job(Fixture.job("j3"))])
        #expect(load.problems == [])
    }

    @Test("a file whose size and inode are unchanged is not read again")
    func unchangedNotReread() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([.job(Fixture.job("j1"))])
        let file = dir.file("jobs.jsonl")
        let pending = try Self.line(.job(Fixture.job("j2")), seq: 2)
        // An unterminated stretch as long as the next line, then turned into that line in place:
        // the size stays the same, so a tail that trusts stat sizes does not look again.
        try appendRaw(Array(repeating: UInt8(ascii: " "), count: pending.count), to: file)
        let tail = store.makeTail()
        #expect(try tail.poll().records == [.job(Fixture.job("j1"))])

        let handle = try FileHandle(forWritingTo: file)
        try handle.seek(toOffset: UInt64(bytes(of: file).count - pending.count))
        try handle.write(contentsOf: Data(pending))
        try handle.close()
        #expect(try tail.poll().records == [])

        try store.append([.job(Fixture.job("j3"))])
        #expect(try tail.poll().records == [.job(Fixture.job("j2")), .job(Fixture.job("j3"))])
    }
}

@Suite("Reading a long stretch on every core")
struct ParallelLineTests {
    @Test("gives the records, problems, line numbers and errors of reading line by line")
    func sameAsInOrder() throws {
        var bytes: [UInt8] = []
        var expected: [Record] = []
        var malformed: [Int] = []
        var line = 0
        while bytes.count < LineReader.parallelMinimum * 2 {
            line += 1
            if line % 997 == 0 {
                bytes += Array("not json \(line)\n".utf8)
                malformed.append(line)
            } else {
                let record = Record.job(Fixture.job("j\(line)"))
                bytes += try TailTests.line(record, seq: line)
                expected.append(record)
            }
        }
        bytes += Array(#"{"data":{"#.utf8)  // a torn last line
        let dir = TemporaryDirectory()
        let batch = try LineReader.read(bytes, of: .jobs, firstLine: 5, in: try StoreDirectory(dir.store, for: .writing), decoder: RecordDecoder())
        #expect(batch.records == expected)
        #expect(batch.problems.map(\.line) == malformed.map { $0 + 4 })
        #expect(batch.lineCount == line)
        #expect(batch.unterminated == 9)
        #expect(batch.consumed == bytes.count - 9)

        var newer = bytes
        newer.replaceSubrange((bytes.count - 9)..., with: Array(#"{"data":{},"schema":9,"seq":1,"type":"job"}"#.utf8) + [10])
        #expect(throws: StoreError.newerSchema(file: try StoreDirectory(dir.store, for: .writing).path(of: .jobs), line: line + 5, version: 9, supported: StoreSchema.current)) {
            try LineReader.read(newer, of: .jobs, firstLine: 5, in: try StoreDirectory(dir.store, for: .writing), decoder: RecordDecoder())
        }
    }
}
