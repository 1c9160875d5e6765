import Foundation
import Glibc
import Testing
import VaultCore

@testable import VaultStore

/// Real processes on one store: `vaultwatch-store-probe` writers running side by side, and one
/// killed with SIGKILL at random moments.
@Suite("Processes sharing a store", .serialized)
struct ProcessTests {
    static func ids(_ records: [Record]) -> [String] {
        records.compactMap { record in
            switch record {
            case .job(let job): return job.id
            case .acknowledgement(let ack): return ack.id
            default: return nil
            }
        }
    }

    @Test("two processes appending 10,000 records each: 20,000 whole lines, seqs 1…20,000, each process in order")
    func twoWriters() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        let writers = try ["a", "b"].map { prefix in
            try ProbeProcess.start(store: dir.store, prefix: prefix, count: 10_000, kind: "job", output: dir.url.appendingPathComponent("\(prefix).out"))
        }
        #expect(writers.map { $0.wait() } == [0, 0])

        let jobs = dir.file("jobs.jsonl")
        #expect(seqs(of: jobs) == Array(1...20_000))
        let load = try Store(directory: dir.store).load()
        #expect(load.problems == [])
        let ids = Self.ids(load.records)
        #expect(ids.count == 20_000)
        #expect(Set(ids).count == 20_000)
        for prefix in ["a", "b"] {
            #expect(ids.filter { $0.hasPrefix("\(prefix)-") } == (0..<10_000).map { "\(prefix)-\($0)" })
        }
        #expect(writers.map(\.printedIds.count) == [10_000, 10_000])
    }

    @Test("two processes appending flushed, chained, digested calls, alerts and acks in batches: unbroken chains, every line covered")
    func twoChainedWriters() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        let key = dir.url.appendingPathComponent("digest-key.pem")
        _ = try DigestKey.loadOrCreate(at: key)
        let writers = try ["a", "b"].map { prefix in
            try ProbeProcess.start(
                store: dir.store, prefix: prefix, count: 400, kind: "ack", maxBatch: 5, key: key,
                output: dir.url.appendingPathComponent("\(prefix).out"))
        }
        #expect(writers.map { $0.wait() } == [0, 0])
        #expect(seqs(of: dir.file("acks.jsonl")) == Array(1...800))
        let report = try Store(readingFrom: dir.store).verify(trusting: try DigestKey.load(at: key)?.publicKey)
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.files.map(\.uncoveredLines) == [0, 0, 0], "the last digest covers every line")
        #expect(report.references.acknowledgements == 800 && report.references.alerts == 800)
        #expect(Set(Self.ids(try Store(directory: dir.store).load().records)).count == 800)
    }

    @Test("a writer killed with SIGKILL at random moments, 60 times: every record it reported is there, the store opens cleanly and verifies")
    func killLoop() throws {
        let dir = TemporaryDirectory()
        let acks = dir.file("acks.jsonl")
        let key = dir.url.appendingPathComponent("digest-key.pem")
        let signer = try DigestKey.loadOrCreate(at: key).key
        let trusted = signer.publicKey
        // Made by a signing writer: it starts with a digest of its empty files.
        _ = try Store(directory: dir.store, signer: signer)
        var reported = Set<String>()
        var tornSeen = 0
        for round in 0..<60 {
            let writer = try ProbeProcess.start(
                store: dir.store, prefix: "r\(round)", count: 1_000_000, kind: "ack", maxBatch: 40, key: key,
                output: dir.url.appendingPathComponent("round.out"))
            #expect(writer.killWhileWriting(), "round \(round): the writer should have been killed")
            reported.formUnion(writer.printedIds)

            let torn = bytes(of: acks).last.map { $0 != UInt8(ascii: "\n") } ?? false
            let load = try Store(directory: dir.store).load()
            #expect(load.problems.allSatisfy { $0.kind == .tornLine }, "round \(round): \(load.problems)")
            if torn {
                tornSeen += 1
                #expect(load.problems.contains { $0.file == "acks.jsonl" }, "round \(round): a torn last line is set aside and reported")
            }
            let stored = Set(Self.ids(load.records))
            let missing = reported.subtracting(stored)
            #expect(missing.isEmpty, "round \(round): \(missing.count) reported records are missing, e.g. \(missing.first ?? "")")
            #expect(bytes(of: acks).last.map { $0 == UInt8(ascii: "\n") } ?? true)
            let report = try Store(readingFrom: dir.store).verify(trusting: trusted)
            #expect(report.isIntact, "round \(round): \(report.lines)")
        }
        #expect(reported.count > 60, "the writers got records in before being killed")
        let lines = seqs(of: acks)
        #expect(lines == Array(1...lines.count).map(Optional.some), "seqs stay one per line across crashes")
        print("kill loop: \(reported.count) records reported, \(lines.count) stored, \(tornSeen) torn last lines set aside")
    }
}
