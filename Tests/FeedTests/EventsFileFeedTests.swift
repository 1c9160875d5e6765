import Foundation
import Testing
import VaultCore
import VaultStore

@testable import VaultSync

/// A JSON-lines file of events followed as it grows, across rotation and truncation, with torn
/// last lines waited for and bad lines reported as file:line.
@Suite struct EventsFileFeedTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-events-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("events.jsonl").path }
    static let now = UTC.date(year: 2026, month: 11, day: 24, hour: 12)

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    /// One EventBridge event (or CloudTrail record) of a sensitive call, as one line.
    static func line(_ id: String, record: Bool = false, action: String = "DeleteRecoveryPoint") -> String {
        let call = ApiCall(
            id: id, time: now, action: action, principal: .user("bob", account: "444455556666"), vaultName: "prod",
            accountId: "444455556666", region: "eu-west-1")
        let event = call.eventBridgeEvent
        return (record ? event["detail"]! : event).description + "\n"
    }

    func append(_ text: String, to file: String? = nil) throws {
        let target = file ?? path
        if !FileManager.default.fileExists(atPath: target) { try Data().write(to: URL(fileURLWithPath: target)) }
        let handle = try #require(FileHandle(forWritingAtPath: target))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func ids(_ batch: SourceBatch) -> [String] {
        batch.records.compactMap { if case .call(let call) = $0 { return call.id } else { return nil } }
    }

    @Test func followsTheFileAsItGrowsAndWaitsForATornLastLine() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try append(Self.line("a") + Self.line("b", record: true))
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        #expect(feed.name == "file events.jsonl")
        #expect(ids(try feed.start(resuming: AccountState(), at: Self.now)) == ["a", "b"])
        #expect(ids(try feed.poll(at: Self.now)).isEmpty)

        // A writer mid-line: nothing until the newline arrives, then the whole line.
        let c = Self.line("c")
        try append(String(c.prefix(40)))
        let waiting = try feed.poll(at: Self.now)
        #expect(ids(waiting).isEmpty && waiting.notices.isEmpty)
        try append(String(c.dropFirst(40)) + Self.line("d"))
        #expect(ids(try feed.poll(at: Self.now)) == ["c", "d"])
        #expect(feed.accountId == "444455556666" && feed.region == "eu-west-1")
    }

    @Test func badLinesAreReportedByFileAndLineAndSkipped() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let trail = #"{"Records":[\#(Self.line("t1", record: true).dropLast()),{"eventSource":"s3.amazonaws.com","eventID":"s3"}]}"#
        try append(Self.line("a") + "not json at all\n\n" + #"{"hello":"world"}"# + "\n" + trail + "\n" + Self.line("b"))
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        let batch = try feed.start(resuming: AccountState(), at: Self.now)
        #expect(ids(batch) == ["a", "t1", "b"])
        let texts = batch.notices.map(\.text)
        #expect(texts.count == 2)
        #expect(texts[0].hasPrefix("\(path):2: not JSON") && texts[0].hasSuffix("; skipped"))
        #expect(texts[1].hasPrefix("\(path):4: neither an EventBridge event"))
        #expect(batch.notices.allSatisfy { $0.level == .warning })
    }

    @Test func aRotatedFileIsReadToItsEndThenTheNewOneFromItsStart() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try append(Self.line("a"))
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        #expect(ids(try feed.start(resuming: AccountState(), at: Self.now)) == ["a"])
        // The writer appends once more, then the file is moved aside and a new one started.
        try append(Self.line("b") + String(Self.line("torn").prefix(30)))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        let between = try feed.poll(at: Self.now)
        #expect(ids(between) == ["b"])
        try append(Self.line("c"))
        let after = try feed.poll(at: Self.now)
        #expect(ids(after) == ["c"])
        let texts = after.notices.map(\.text)
        #expect(texts.contains("\(path) was replaced (rotated): following the new file"))
        #expect(texts.contains { $0.hasPrefix("\(path):3: the rotated file's last line was left unfinished") })
        try append(Self.line("d"))
        #expect(ids(try feed.poll(at: Self.now)) == ["d"])
    }

    @Test func aTruncatedFileIsReadAgainFromItsStartWithoutDeliveringAnEventTwice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try append(Self.line("a") + Self.line("b"))
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        #expect(ids(try feed.start(resuming: AccountState(), at: Self.now)) == ["a", "b"])
        try Data().write(to: URL(fileURLWithPath: path))
        try append(Self.line("b") + Self.line("c"))
        let batch = try feed.poll(at: Self.now)
        #expect(ids(batch) == ["c"])
        #expect(batch.notices.map(\.text).contains("\(path) was truncated: reading it again from its start"))
        // Cut shorter than what was read.
        try Data().write(to: URL(fileURLWithPath: path))
        try append(Self.line("d"))
        let shorter = try feed.poll(at: Self.now)
        #expect(ids(shorter) == ["d"])
        #expect(shorter.notices.map(\.text).contains("\(path) was truncated: reading it again from its start"))
    }

    @Test func resumesWithoutStoringWhatTheStoreHolds() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try append(Self.line("a") + Self.line("b"))
        var state = AccountState()
        state.apply(.call(try ApiCall(event: JSONValue(data: Data(Self.line("a").utf8)))))
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        #expect(ids(try feed.start(resuming: state, at: Self.now)) == ["b"])
    }

    @Test func aMissingFileIsWaitedForAndAnOverlongLineSkipped() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = EventsFileFeed(path: path, clock: FixedClock(Self.now))
        let empty = try feed.start(resuming: AccountState(), at: Self.now)
        #expect(ids(empty).isEmpty && empty.notices.isEmpty && empty.nextPoll == 1)
        try append(String(repeating: "x", count: FileFollower.lineLimit + 10) + "\n" + Self.line("a"))
        let batch = try feed.poll(at: Self.now)
        #expect(ids(batch) == ["a"])
        #expect(batch.notices.map(\.text) == ["\(path):1: longer than 16 MiB; skipped"])
    }

    @Test func theWorkerRaisesAlertsFromTheFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try append(Self.line("a") + "garbage\n" + Self.line("b", action: "ListBackupVaults"))
        let temporary = try TemporaryStore()
        let published = Published()
        let worker = published.worker(store: temporary.store, sources: [EventsFileFeed(path: path, clock: SystemClock())])
        worker.syncNow()
        let state = try temporary.state()
        #expect(state.calls.map(\.id) == ["a", "b"])
        #expect(state.alerts.map(\.callId) == ["a"])
        #expect(published.notices.contains { $0.text.hasPrefix("\(path):2: not JSON") })
    }
}
