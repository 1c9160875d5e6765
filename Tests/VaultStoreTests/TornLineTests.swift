import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Torn last lines")
struct TornLineTests {
    static let fragment = Array(#"{"data":{"alertId":"0123456789abcdef","at":"2026-11-25T10:13:20.001Z","by":"alice@bastion-01","id":"ack-9","note":"中央 🔒"#.utf8)

    @Test("load sets a torn last line aside with its exact bytes, reports it, and appends resume on a clean line")
    func setAsideByLoad() throws {
        let dir = TemporaryDirectory()
        let clock = FixedClock(Fixture.instant(1_795_601_700_123))
        let store = try Store(directory: dir.store, calls: .live, clock: clock)
        let acks = [Fixture.ack(1, of: "a1"), Fixture.ack(2, of: "a2")]
        try store.append(acks.map(Record.acknowledgement))
        let file = dir.file("acks.jsonl")
        let intact = bytes(of: file)
        try appendRaw(Self.fragment, to: file)

        let load = try store.load()
        #expect(load.records == acks.map(Record.acknowledgement))
        #expect(load.problems == [
            StoreProblem(.tornLine, file: "acks.jsonl", line: 3,
                         message: "set aside \(Self.fragment.count) bytes of a torn last line in acks.jsonl.torn")
        ])
        #expect(bytes(of: file) == intact)

        let side = dir.file("acks.jsonl.torn")
        let header = "# 2026-11-25T10:15:00.123Z set aside \(Self.fragment.count) bytes of a torn last line of acks.jsonl"
            + " from byte offset \(intact.count); they follow on the next line\n"
        #expect(bytes(of: side) == Array(header.utf8) + Self.fragment + [10])
        #expect(mode(of: side) == 0o600)

        // Reloading finds nothing left to repair; the side file is not read as records.
        #expect(try store.load().problems == [])

        let next = Fixture.ack(3, of: "a3")
        try store.append([.acknowledgement(next)])
        #expect(seqs(of: file) == [1, 2, 3])
        #expect(try Store(directory: dir.store).load().records == (acks + [next]).map(Record.acknowledgement))
    }

    @Test("an append sets a torn last line aside first, so its line starts clean")
    func setAsideByAppend() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.job(Fixture.job("j1"))])
        let file = dir.file("jobs.jsonl")
        try appendRaw(Self.fragment, to: file)

        try Store(directory: dir.store).append([.job(Fixture.job("j2"))])
        #expect(seqs(of: file) == [1, 2])
        let side = bytes(of: dir.file("jobs.jsonl.torn"))
        #expect(Array(side.suffix(Self.fragment.count + 1)) == Self.fragment + [10])
        let load = try Store(directory: dir.store).load()
        #expect(load.problems == [])
        #expect(load.records == [.job(Fixture.job("j1")), .job(Fixture.job("j2"))])
    }

    @Test("a file that is one torn line is set aside whole, and a second tear is appended to the side file")
    func wholeFileAndRepeatedTears() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try write(Array("{\"da".utf8), to: dir.file("sync.jsonl"))
        let first = try store.load()
        #expect(first.problems.map(\.description) == ["sync.jsonl:1: set aside 4 bytes of a torn last line in sync.jsonl.torn"])
        #expect(bytes(of: dir.file("sync.jsonl")) == [])

        try store.append([.sync(Fixture.sync)])
        try appendRaw(Array("{\"xy".utf8), to: dir.file("sync.jsonl"))
        let second = try store.load()
        #expect(second.records == [.sync(Fixture.sync)])
        #expect(second.problems.map(\.description) == ["sync.jsonl:2: set aside 4 bytes of a torn last line in sync.jsonl.torn"])
        let side = lines(of: dir.file("sync.jsonl.torn"))
        try #require(side.count == 4)
        #expect(side[1] == "{\"da")
        #expect(side[3] == "{\"xy")
        #expect(side[2].contains("from byte offset \(bytes(of: dir.file("sync.jsonl")).count)"))
    }
}
