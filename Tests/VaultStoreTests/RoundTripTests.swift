import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Records survive a trip through the store")
struct RoundTripTests {
    @Test("every record kind, with hostile text, loads back equal")
    func everyKind() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append(Fixture.everyKind)

        let load = try Store(directory: dir.store).load()
        #expect(load.problems == [])
        #expect(load.records == Fixture.everyKind)
        #expect(try Store(directory: dir.store).makeTail().poll().records == Fixture.everyKind)
    }

    @Test("every line is one line: control characters are escaped, not written raw")
    func noRawControlBytes() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append(Fixture.everyKind)
        // Every file of lines: the records, and the points file's summary (its ARN hashes are binary).
        let files = snapshot(of: dir.store).filter { !$0.key.hasSuffix(".arns") }
        #expect(files.count == 9)
        for (name, content) in files {
            #expect(content.last == UInt8(ascii: "\n"), "\(name)")
            let raw = content.dropLast().filter { $0 < 0x20 && $0 != UInt8(ascii: "\n") }
            #expect(raw.isEmpty, "\(name) holds raw control bytes \(raw)")
        }
        // Every line is its own JSON object.
        #expect(lines(of: dir.file("events.jsonl")).count == 2)
        #expect(lines(of: dir.file("acks.jsonl")).count == 2)
    }

    @Test("records go to the file of their kind")
    func fileOfEachKind() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append(Fixture.everyKind)
        #expect(lines(of: dir.file("vaults.jsonl")).count == 3)
        #expect(lines(of: dir.file("points/111122223333.eu-west-1.%E4%B8%AD%E5%A4%AE%E5%A4%87%E4%BB%BD%20%1B%5B1m%F0%9F%94%92%E2%80%AE.jsonl")).count == 2)
        #expect(lines(of: dir.file("jobs.jsonl")).count == 1)
        #expect(lines(of: dir.file("events.jsonl")).count == 2)
        #expect(lines(of: dir.file("alerts.jsonl")).count == 1)
        #expect(lines(of: dir.file("acks.jsonl")).count == 2)
        #expect(lines(of: dir.file("sync.jsonl")).count == 2)
    }

    @Test("a line is exactly {data, schema, seq, type} with sorted keys and millisecond UTC dates")
    func exactLineFormat() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        try store.append([
            .vaultRemoved(Fixture.key("prod"), at: Fixture.now),
            .recoveryPointRemoved(arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:1", vault: Fixture.key("prod"), at: Fixture.instant(1_795_601_558_000)),
        ])
        #expect(lines(of: dir.file("vaults.jsonl")) == [
            #"{"data":{"accountId":"111122223333","at":"2026-11-25T10:12:38.089Z","name":"prod","region":"eu-west-1"},"schema":3,"seq":1,"type":"vault-removed"}"#
        ])
        #expect(lines(of: dir.file("points/111122223333.eu-west-1.prod.jsonl")) == [
            #"{"data":{"accountId":"111122223333","arn":"arn:aws:backup:eu-west-1:111122223333:recovery-point:1","at":"2026-11-25T10:12:38.000Z","region":"eu-west-1","vaultName":"prod"},"schema":3,"seq":1,"type":"recovery-point-removed"}"#
        ])
        #expect(StoreSchema.current == 3)
    }

    @Test("dates are read from whole seconds, fractions, offsets and epoch seconds")
    func lenientDates() throws {
        let dir = TemporaryDirectory()
        _ = try Store(directory: dir.store)
        let written = [
            #"{"data":{"at":"2026-11-25T10:12:38Z","name":"a"},"schema":1,"seq":1,"type":"vault-removed"}"#,
            #"{"data":{"at":1795601558,"name":"b"},"schema":1,"seq":2,"type":"vault-removed"}"#,
            #"{"data":{"at":1795601558.5,"name":"c"},"schema":1,"seq":3,"type":"vault-removed"}"#,
            #"{"data":{"at":"2026-11-25T11:12:38.089+01:00","name":"d"},"schema":1,"seq":4,"type":"vault-removed"}"#,
            #"{"data":{"at":"2026-11-25T10:12:38.1Z","name":"e"},"schema":1,"seq":5,"type":"vault-removed"}"#,
            #"{"data":{"at":"2026-11-25 10:12","name":"f"},"schema":1,"seq":6,"type":"vault-removed"}"#,
        ]
        try write(Array((written.joined(separator: "\n") + "\n").utf8), to: dir.file("vaults.jsonl"))
        let load = try Store(directory: dir.store).load()
        #expect(load.records == [
            .vaultRemoved(.legacy("a"), at: Fixture.instant(1_795_601_558_000)),
            .vaultRemoved(.legacy("b"), at: Fixture.instant(1_795_601_558_000)),
            .vaultRemoved(.legacy("c"), at: Fixture.instant(1_795_601_558_500)),
            .vaultRemoved(.legacy("d"), at: Fixture.now),
            .vaultRemoved(.legacy("e"), at: Fixture.instant(1_795_601_558_100)),
        ])
        #expect(load.problems.map(\.description) == [
            #"vaults.jsonl:6: field "data.at": not an ISO 8601 date: "2026-11-25 10:12""#
        ])
    }

    @Test("a date beyond year 9999 is refused before anything is written")
    func unencodableDate() throws {
        let dir = TemporaryDirectory()
        let store = try Store(directory: dir.store)
        let records: [Record] = [
            .vaultRemoved(Fixture.key("fine"), at: Fixture.now),
            .sync(SyncStatus(source: "demo", accountId: "1", region: "r", at: Date(timeIntervalSince1970: 1e12))),
        ]
        #expect(throws: StoreError.self) { try store.append(records) }
        #expect(snapshot(of: dir.store).isEmpty)
    }
}
