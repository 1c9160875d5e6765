import Foundation
import Glibc
import Testing
import VaultCore

@testable import VaultStore

/// A writer refuses to record anything on top of a store that no longer holds what its newest
/// digest vouches for, and never vouches for lines since then that break the chain: the
/// independent attack's findings on writers carrying on in a damaged store.
@Suite("Writing only where the digests vouch")
struct VouchedWriteTests {
    typealias Signed = DigestTests.Signed

    /// Every file of the store, by name, with its bytes (`nil` for what is not a regular file).
    static func disk(_ s: borrowing Signed) -> [String: Data?] {
        var files: [String: Data?] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: s.dir.store.path)) ?? [] {
            files[name] = try? Data(contentsOf: s.url(name))
        }
        return files
    }

    /// `body` must throw `notAsVouched` naming `file` with a reason starting `reason`, and leave the disk as it was.
    static func refused(
        _ s: borrowing Signed, _ file: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (Store) throws -> Void
    ) throws {
        let store = try s.open()
        let before = disk(s)
        do {
            try body(store)
            Issue.record("written on top of a store its digests no longer vouch for", sourceLocation: sourceLocation)
        } catch let StoreError.notAsVouched(path, said, _) {
            #expect(path == s.url(file).path, sourceLocation: sourceLocation)
            #expect(said.hasPrefix(reason), "\(said)", sourceLocation: sourceLocation)
        }
        #expect(disk(s) == before, "nothing was written", sourceLocation: sourceLocation)
    }

    @Test("acknowledgements taken away: no acknowledgement, alert or call is recorded, and a reader says what is missing")
    func acknowledgementsTakenAway() throws {
        let deleted = try Signed()
        try FileManager.default.removeItem(at: deleted.url("acks.jsonl"))
        try Self.refused(deleted, "acks.jsonl", "it is gone, but digest 3 vouches for 2 lines of it") {
            _ = try $0.acknowledge(Fixture.ack(7, of: deleted.alertIds[2]))
        }
        try Self.refused(deleted, "acks.jsonl", "it is gone") { try $0.append([.call(Fixture.call("ev-9"))]) }
        let said = try Store(readingFrom: deleted.dir.store).vouchedProblems()
        #expect(said.map(\.file) == ["acks.jsonl"])
        #expect(said.first?.message.hasSuffix("what is shown may lack or misstate what was recorded (`vaultwatch store verify` says more)") == true)

        let emptied = try Signed()
        try Data().write(to: emptied.url("acks.jsonl"))
        try Self.refused(emptied, "acks.jsonl", "it holds 0 bytes of whole lines, fewer than the ") {
            _ = try $0.acknowledge(Fixture.ack(7, of: emptied.alertIds[2]))
        }
        // Points are not vouched for by digests: the account's state still syncs.
        try emptied.open().append([.vault(Fixture.vault("prod"))])
    }

    @Test("an alert edited in the middle, a newer digest version, digests reordered, another key: refused")
    func digestsNoLongerHold() throws {
        let edited = try Signed()
        try ChainTests.rewrite(edited.url("alerts.jsonl")) { $0[1] = $0[1].replacingOccurrences(of: "AccessDenied", with: "AccessDeniedX") }
        try Self.refused(edited, "alerts.jsonl", "its line 3 is not the one digest 3 vouches for") {
            _ = try $0.acknowledge(Fixture.ack(7, of: edited.alertIds[2]))
        }

        let newer = try Signed()
        try ChainTests.rewrite(newer.url("digests.jsonl")) { $0.append($0[2].replacingOccurrences(of: #""version":1"#, with: #""version":2"#)) }
        try Self.refused(newer, "digests.jsonl", "its last line: digest version 2 is newer than this vaultwatch reads (1): upgrade vaultwatch") {
            _ = try $0.acknowledge(Fixture.ack(7, of: newer.alertIds[2]))
        }

        let reordered = try Signed()
        try ChainTests.rewrite(reordered.url("digests.jsonl")) { $0.swapAt(1, 2) }
        try Self.refused(reordered, "digests.jsonl", "digest 2 (its last) does not follow the line before it") {
            try $0.append([.call(Fixture.call("ev-9"))])
        }

        let otherKey = try Signed()
        let other = try DigestKey()
        let store = try Store(directory: otherKey.dir.store, calls: .live, clock: otherKey.clock, signer: other)
        let before = Self.disk(otherKey)
        #expect(throws: StoreError.self) { _ = try store.acknowledge(Fixture.ack(7, of: otherKey.alertIds[2])) }
        do {
            _ = try store.signDigest()
        } catch let StoreError.digestRefused(_, reason) {
            #expect(reason.hasPrefix("digest 3 (its last) was signed by \(otherKey.key.publicKey.fingerprint), not by this vaultwatch's signing key \(other.publicKey.fingerprint)"))
        }
        #expect(Self.disk(otherKey) == before)
    }

    @Test("digests taken away: a signing writer refuses until a digest is signed on purpose")
    func digestsTakenAway() throws {
        let s = try Signed()
        try FileManager.default.removeItem(at: s.url("digests.jsonl"))
        try Self.refused(s, "digests.jsonl", "no digest vouches for what events.jsonl, alerts.jsonl, acks.jsonl hold") {
            _ = try $0.acknowledge(Fixture.ack(7, of: s.alertIds[2]))
        }
        let store = try s.open()
        #expect(try store.signDigest().seq == 1)
        #expect(try store.acknowledge(Fixture.ack(7, of: s.alertIds[2])) == .recorded(Fixture.ack(7, of: s.alertIds[2])))
        #expect(try s.verify().isIntact)
    }

    @Test("a line since the newest digest that breaks the chain, or a made-up alert, is never vouched for")
    func tailNotVouchedFor() throws {
        let unchained = try Signed()
        let line = #"{"data":{},"schema":3,"seq":4,"type":"alert"}"#
        try ChainTests.rewrite(unchained.url("alerts.jsonl")) { $0.append(line) }
        try Self.refused(unchained, "alerts.jsonl", "its line 4, after what digest 3 vouches for, does not follow the line before it") {
            _ = try $0.acknowledge(Fixture.ack(7, of: unchained.alertIds[2]))
        }
        #expect(throws: StoreError.self) { _ = try unchained.open().signDigest() }

        // Appended with the right prev and seq, reusing a call, under an id the call does not give.
        let forged = try Signed()
        var alert = Fixture.alert("ev-1")
        alert.id = "f0f0f0f0deadbeef"
        alert.action = "StartRestoreJob"
        try Store(directory: forged.dir.store).append([.alert(alert)])
        try Self.refused(forged, "alerts.jsonl", #"its line 4 is an alert whose id "f0f0f0f0deadbeef" is not the one its call "ev-1" gives"#) {
            _ = try $0.acknowledge(Fixture.ack(7, of: forged.alertIds[2]))
        }
        let report = try forged.verify()
        #expect(!report.isIntact)
        #expect(report.references.dangling == [
            #"alerts.jsonl:4: its id "f0f0f0f0deadbeef" is not the one call "ev-1" gives (\#(Alert.id(forCall: "ev-1")))"#,
            #"alerts.jsonl:4: does not agree with call "ev-1" it was raised for (its action differs from what events.jsonl holds)"#,
        ])
    }

    @Test("an alert under its call's own id that says otherwise than the call (its outcome; its vault, severity and source) is caught by verify")
    func alertDisagreesWithItsCall() throws {
        let s = try Signed()
        var alert = Fixture.alert("ev-2")
        alert.outcome = "succeeded"
        var elsewhere = Fixture.alert("ev-3")
        elsewhere.vaultName = "prod-vault-FORGED"
        elsewhere.severity = .critical
        elsewhere.sourceIPAddress = "203.0.113.9"
        try Store(directory: s.dir.store).append([.alert(alert), .alert(elsewhere)])
        let report = try s.verify()
        #expect(report.references.dangling == [
            #"alerts.jsonl:4: does not agree with call "ev-2" it was raised for (its outcome differs from what events.jsonl holds)"#,
            #"alerts.jsonl:5: does not agree with call "ev-3" it was raised for (its severity, vault, source IP address differ from what events.jsonl holds)"#,
        ])
        #expect(report.faults.count == 1 && report.faults[0].hasPrefix("references: 2 do not agree"), "\(report.faults)")
    }

    @Test("digests.jsonl a FIFO or a directory: nothing is recorded that no digest could cover")
    func digestsNotAFile() throws {
        let fifo = try Signed()
        try FileManager.default.removeItem(at: fifo.url("digests.jsonl"))
        #expect(mkfifo(fifo.url("digests.jsonl").path, 0o600) == 0)
        let acks = try Data(contentsOf: fifo.url("acks.jsonl"))
        #expect(throws: StoreError.cannotOpen(path: fifo.url("digests.jsonl").path, reason: "it is a FIFO, not a regular file (move it aside)")) {
            _ = try fifo.open().acknowledge(Fixture.ack(7, of: fifo.alertIds[2]))
        }
        #expect(try Data(contentsOf: fifo.url("acks.jsonl")) == acks)
        #expect(throws: StoreError.self) { _ = try fifo.open().repair() }

        let folder = try Signed()
        try FileManager.default.removeItem(at: folder.url("digests.jsonl"))
        try FileManager.default.createDirectory(at: folder.url("digests.jsonl"), withIntermediateDirectories: false)
        #expect(throws: StoreError.self) { _ = try folder.open().acknowledge(Fixture.ack(7, of: folder.alertIds[2])) }
        #expect(throws: StoreError.cannotOpen(path: folder.url("digests.jsonl").path, reason: "it is a directory, not a regular file (move it aside)")) {
            _ = try folder.open().repair()
        }
    }

    @Test("a torn last digest is a fault verify names; repair sets it aside, as any torn line")
    func tornDigest() throws {
        let s = try Signed()
        let digests = try Data(contentsOf: s.url("digests.jsonl"))
        try digests.dropLast(40).write(to: s.url("digests.jsonl"))
        let torn = try s.verify()
        #expect(!torn.isIntact)
        #expect(torn.digests.fault?.hasPrefix("its last line is an unfinished digest (") == true, "\(torn.lines)")
        #expect(torn.digests.fault?.contains("lines after digest 2 that it may have vouched for") == true)
        let repairs = try s.open().repair()
        #expect(repairs.map(\.file) == ["digests.jsonl"])
        #expect(repairs.first?.message.hasSuffix("of a torn last line in digests.jsonl.torn") == true)
        #expect(try s.verify().isIntact)
        #expect(FileManager.default.fileExists(atPath: s.url("digests.jsonl.torn").path))
    }

    @Test("a store file with another hard link is never written through it")
    func hardLink() throws {
        let s = try Signed()
        let outside = s.dir.url.appendingPathComponent("elsewhere")
        #expect(link(s.url("events.jsonl").path, outside.path) == 0)
        let before = try Data(contentsOf: outside)
        do {
            try s.open().append([.call(Fixture.call("ev-9"))])
            Issue.record("appended through a hard link")
        } catch let StoreError.cannotOpen(path, reason) {
            #expect(path == s.url("events.jsonl").path)
            #expect(reason.hasPrefix("it has 2 hard links, so another path shares its bytes and would change with it; give the store its own copy: cp -p "))
        }
        #expect(try Data(contentsOf: outside) == before)
    }

    @Test("the digests and acknowledgements taken away together: no timer or stop signs a new chain over them, and it is said once")
    func noTimerSignsOverDigestsTakenAway() throws {
        let s = try Signed()
        try FileManager.default.removeItem(at: s.url("acks.jsonl"))
        try FileManager.default.removeItem(at: s.url("digests.jsonl"))
        let store = try s.open()
        let before = Self.disk(s)
        s.clock.advance(3_600)
        store.signDigestIfDue()
        store.signDigestIfUncovered()
        #expect(Self.disk(s) == before, "no digest was signed")
        let said = store.takeNotes()
        #expect(said.count == 1, "said once, not at every tick: \(said)")
        #expect(said.first?.message.hasPrefix("no digest was signed: \(s.url("digests.jsonl").path): no digest vouches for what") == true)
        #expect(said.first?.message.contains("(only if you know it was not changed, `vaultwatch store digest` signs one over the files as they are, on purpose; else restore it from a copy)") == true)
        // On purpose it is signed, and the timer then carries on from it.
        _ = try store.signDigest()
        try store.append([.call(Fixture.call("ev-9"))])
        s.clock.advance(3_600)
        store.signDigestIfDue()
        #expect(store.takeNotes() == [])
        #expect(try s.verify().isIntact)
    }

    @Test("a torn newest digest: nothing is recorded on the digest before it, the torn line stays where it is")
    func tornNewestDigest() throws {
        let s = try Signed()
        let acks = try Data(contentsOf: s.url("acks.jsonl"))
        let lastAck = acks.dropLast().lastIndex(of: UInt8(ascii: "\n"))!
        try acks.prefix(through: lastAck).write(to: s.url("acks.jsonl"))
        let digests = try Data(contentsOf: s.url("digests.jsonl"))
        try digests.dropLast(40).write(to: s.url("digests.jsonl"))
        try Self.refused(s, "digests.jsonl", "its last line is an unfinished digest (") {
            _ = try $0.acknowledge(Fixture.ack(7, of: s.alertIds[2]))
        }
        let store = try s.open()
        let before = Self.disk(s)
        s.clock.advance(3_600)
        store.signDigestIfDue()
        #expect(Self.disk(s) == before, "no digest signed on the timer either")
        #expect(store.takeNotes().first?.message.contains("digests.jsonl: its last line is an unfinished digest (") == true)
        let said = try Store(readingFrom: s.dir.store).vouchedProblems()
        #expect(said.first?.message.hasPrefix("its last line is an unfinished digest (") == true, "\(said)")
    }

    @Test("a digest file with another hard link stops an acknowledgement before it is written")
    func hardLinkedDigests() throws {
        let s = try Signed()
        let outside = s.dir.url.appendingPathComponent("elsewhere")
        #expect(link(s.url("digests.jsonl").path, outside.path) == 0)
        let store = try s.open()
        let before = Self.disk(s)
        do {
            _ = try store.acknowledge(Fixture.ack(7, of: s.alertIds[2]))
            Issue.record("acknowledged with no digest to cover it")
        } catch let StoreError.cannotOpen(path, reason) {
            #expect(path == s.url("digests.jsonl").path)
            #expect(reason.hasPrefix("it has 2 hard links"))
        }
        #expect(Self.disk(s) == before)
    }

    @Test("digests.jsonl cut back to its first digest, with the acknowledgements it vouched for: the digest kept beside the key stops writers, readers and verify say it; signed on purpose, writing resumes")
    func digestChainCutBack() throws {
        let keyFolder = TemporaryDirectory()
        var key = try DigestKey()
        key.heads = DigestHeads(folder: keyFolder.url.appendingPathComponent("digest-heads"))
        let s = try Signed(key: key)
        let digests = try Data(contentsOf: s.url("digests.jsonl"))
        try digests.prefix(through: digests.firstIndex(of: UInt8(ascii: "\n"))!).write(to: s.url("digests.jsonl"))
        try FileManager.default.removeItem(at: s.url("acks.jsonl"))
        #expect(try s.verify().isIntact, "the store alone cannot tell: digest 1 vouched for empty files")

        let reason = "this machine signed digest 3 for this store (as kept beside its signing key), but digests.jsonl no longer holds it"
        try Self.refused(s, "digests.jsonl", reason) { _ = try $0.acknowledge(Fixture.ack(7, of: s.alertIds[2])) }
        let reader = try Store(readingFrom: s.dir.store)
        #expect(reader.signedHeadProblem(in: key.heads!)?.hasPrefix(reason) == true)
        let store = try s.open()
        s.clock.advance(3_600)
        store.signDigestIfDue()
        #expect(store.takeNotes().first?.message.contains(reason) == true, "the timer signs nothing over it either")

        // Signed on purpose (the store was restored from a copy, say), writing resumes.
        _ = try store.signDigest()
        #expect(reader.signedHeadProblem(in: key.heads!) == nil)
        #expect(try store.acknowledge(Fixture.ack(7, of: s.alertIds[2])) == .recorded(Fixture.ack(7, of: s.alertIds[2])))
    }

    @Test("an alert made unreadable before a digest covered it is never vouched for")
    func unreadableLineSinceTheNewestDigest() throws {
        let s = try Signed()
        try s.open().append([.call(Fixture.call("ev-8")), .alert(Fixture.alert("ev-8"))])
        var lines = try String(contentsOf: s.url("alerts.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[3].contains(#""severity":"warning""#))
        lines[3] = lines[3].replacingOccurrences(of: #""severity":"warning""#, with: #""severity":"harmless""#)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: s.url("alerts.jsonl"))
        try Self.refused(s, "alerts.jsonl", "its line 4, after what digest 3 vouches for, cannot be read (") {
            _ = try $0.acknowledge(Fixture.ack(7, of: s.alertIds[2]))
        }
    }
}
