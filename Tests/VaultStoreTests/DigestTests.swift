import Foundation
import Synchronization
import Testing
import VaultCore

@testable import VaultStore

/// Signed digests over the chained files: every way the issue found to change the tail unseen,
/// now seen.
@Suite("Signed digests")
struct DigestTests {
    /// A store made by a signing writer, holding three calls, their alerts and two acks, each ack
    /// covered by a digest.
    struct Signed: ~Copyable {
        let dir = TemporaryDirectory()
        let key: DigestKey
        let clock = StepClock()
        var alertIds: [String] = []

        /// With a new key, made before anything else: a noncopyable value cannot be left half made by a throw.
        init() throws { try self.init(key: DigestKey()) }

        init(key: DigestKey) throws {
            self.key = key
            let store = try open()
            let alerts = (1...3).map { Fixture.alert("ev-\($0)") }
            try store.append((1...3).map { .call(Fixture.call("ev-\($0)")) } + alerts.map(Record.alert))
            alertIds = alerts.map(\.id)
            for (n, id) in alertIds.prefix(2).enumerated() {
                clock.advance(1)
                #expect(try store.acknowledge(Fixture.ack(n + 1, of: id)) == .recorded(Fixture.ack(n + 1, of: id)))
            }
        }

        func open(calls: SystemCalls = .live) throws -> Store {
            try Store(directory: dir.store, calls: calls, clock: clock, signer: key)
        }

        func verify(kept: [UInt8]? = nil, trusting: DigestPublicKey? = nil) throws -> ChainReport {
            try Store(readingFrom: dir.store).verify(trusting: trusting ?? key.publicKey, keySource: "test", kept: kept)
        }

        func url(_ name: String) -> URL { dir.file(name) }
    }

    static func breakage(_ report: ChainReport, _ file: String) -> ChainBreak? { report.file(file)?.breakage }

    @Test("a store made by a signing writer starts with a digest; each acknowledgement is covered by the next")
    func coverage() throws {
        let s = try Signed()
        let report = try s.verify()
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.digests.count == 3, "the empty store's, and one per acknowledgement (the calls and alerts came within the interval)")
        #expect(report.files.map(\.coverage?.lines) == [3, 3, 2])
        #expect(report.files.map(\.uncoveredLines) == [0, 0, 0])
        #expect(report.lines[2] == "acks.jsonl: intact, 2 lines; digest 3 of 2026-11-25 10:12:40 UTC vouches for all 2 lines")
        #expect(report.references == {
            var r = ReferenceReport()
            r.acknowledgements = 2
            r.alerts = 3
            return r
        }())
    }

    @Test("activity is signed for at most once an interval; what comes after is said to be not yet covered")
    func notYetCovered() throws {
        let s = try Signed()
        let store = try s.open()
        try store.append([.call(Fixture.call("ev-4"))])
        var report = try s.verify()
        #expect(report.isIntact)
        #expect(report.digests.count == 3, "the newest digest is younger than the interval")
        #expect(report.file("events.jsonl")?.uncoveredLines == 1)
        #expect(report.lines[0] == "events.jsonl: intact, 4 lines; digest 3 of 2026-11-25 10:12:40 UTC vouches for lines 1–3, the line after is not yet covered")
        store.signDigestIfDue()
        #expect(try s.verify().digests.count == 3)
        s.clock.advance(Store.defaultDigestInterval)
        store.signDigestIfDue()
        report = try s.verify()
        #expect(report.digests.count == 4)
        #expect(report.file("events.jsonl")?.uncoveredLines == 0)
        store.signDigestIfDue()
        store.signDigestIfUncovered()
        #expect(try s.verify().digests.count == 4, "nothing new: no digest")
    }

    @Test("the newest alert edited, or the newest ack's author: the line the digest vouches for is named")
    func tailEdited() throws {
        let s = try Signed()
        try ChainTests.rewrite(s.url("alerts.jsonl")) { $0[2] = $0[2].replacingOccurrences(of: #""outcome":"AccessDenied""#, with: #""outcome":"succeeded""#) }
        var report = try s.verify()
        #expect(!report.isIntact)
        #expect(Self.breakage(report, "alerts.jsonl")?.kind == .unvouched)
        #expect(report.lines[1] == "alerts.jsonl: line 3 is not the line digest 2 of 2026-11-25 10:12:39 UTC vouches for there (it was altered, or lines before it were and the chain recomputed)")

        let t = try Signed()
        try ChainTests.rewrite(t.url("acks.jsonl")) { $0[1] = $0[1].replacingOccurrences(of: "alice@bastion-01", with: "mallory@bastion-01") }
        report = try t.verify()
        #expect(Self.breakage(report, "acks.jsonl") == ChainBreak(line: 2, kind: .unvouched, detail: "is not the line digest 3 of 2026-11-25 10:12:40 UTC vouches for there (it was altered, or lines before it were and the chain recomputed)"))
    }

    @Test("the last alert or ack deleted, acks.jsonl emptied or deleted: cut short, and by how much")
    func tailCut() throws {
        let s = try Signed()
        try ChainTests.rewrite(s.url("alerts.jsonl")) { $0.removeLast() }
        try ChainTests.rewrite(s.url("acks.jsonl")) { $0.removeLast() }
        let report = try s.verify()
        #expect(Self.breakage(report, "alerts.jsonl") == ChainBreak(line: 3, kind: .cut, detail: "digest 2 of 2026-11-25 10:12:39 UTC vouches for 3 lines, the file holds 2 (its last line was removed)"))
        #expect(Self.breakage(report, "acks.jsonl")?.kind == .cut)
        #expect(report.lines[2].hasPrefix("acks.jsonl: cut short: digest 3 of"))

        let emptied = try Signed()
        try write([], to: emptied.url("acks.jsonl"))
        #expect(Self.breakage(try emptied.verify(), "acks.jsonl")?.detail == "digest 2 of 2026-11-25 10:12:39 UTC vouches for 1 line, and the file is empty or gone")
        let deleted = try Signed()
        try FileManager.default.removeItem(at: deleted.url("acks.jsonl"))
        #expect(Self.breakage(try deleted.verify(), "acks.jsonl")?.kind == .cut)
        #expect(try !deleted.verify().isIntact)
    }

    @Test("an edit with the whole chain recomputed after it still differs from what the digests vouch for")
    func chainRecomputed() throws {
        let s = try Signed()
        // Edit the first ack, then give every line after it the hash of its new predecessor.
        let url = s.url("acks.jsonl")
        var all = lines(of: url)
        all[0] = all[0].replacingOccurrences(of: "alice@bastion-01", with: "mallory@bastion-01")
        for i in 1..<all.count {
            let prev = ChainHash.of(Array(all[i - 1].utf8)[...])
            all[i] = all[i].replacingOccurrences(
                of: #""prev":"[0-9a-f]{64}""#, with: #""prev":"\#(prev)""#, options: .regularExpression)
        }
        try write(Array(all.map { $0 + "\n" }.joined().utf8), to: url)
        let report = try s.verify()
        #expect(report.file("acks.jsonl")?.breakage?.kind == .unvouched, "the chain itself holds: \(report.lines)")
        #expect(report.file("acks.jsonl")?.breakage?.line == 1, "digest 2 vouched for line 1 alone")
    }

    @Test("a forged alert appended with the right prev names no call; an ack of a missing alert names none either")
    func forgedAndDangling() throws {
        let s = try Signed()
        let store = try s.open()
        // A forger without the key appends through the store: the chain holds, the line is not yet covered.
        try Store(directory: s.dir.store).append([.alert(Fixture.alert("ev-made-up"))])
        var report = try s.verify()
        #expect(report.files.allSatisfy { $0.breakage == nil })
        #expect(report.file("alerts.jsonl")?.uncoveredLines == 1)
        #expect(!report.isIntact)
        #expect(report.references.danglingCount == 1)
        #expect(report.references.dangling[0].hasPrefix(#"alerts.jsonl:4: raised for call "ev-made-up", which events.jsonl does not hold"#))

        _ = try store.acknowledge(Fixture.ack(9, of: "no-such-alert"))
        report = try s.verify()
        #expect(report.references.danglingCount == 2)
        #expect(report.references.dangling[1] == #"acks.jsonl:3: acknowledges alert "no-such-alert", which alerts.jsonl does not hold"#)
    }

    @Test("an alert deleted together with its call breaks the calls' chain too")
    func alertAndCallDeleted() throws {
        let s = try Signed()
        try ChainTests.rewrite(s.url("events.jsonl")) { $0.removeLast() }
        try ChainTests.rewrite(s.url("alerts.jsonl")) { $0.removeLast() }
        let report = try s.verify()
        #expect(report.file("events.jsonl")?.breakage?.kind == .cut)
        #expect(report.file("alerts.jsonl")?.breakage?.kind == .cut)
    }

    @Test("digests taken away, altered, or signed by another key: the digests say so")
    func digestsTampered() throws {
        let removed = try Signed()
        try FileManager.default.removeItem(at: removed.url("digests.jsonl"))
        var report = try removed.verify()
        #expect(!report.isIntact)
        #expect(report.digests.fault?.hasPrefix("no digest covers the store") == true)

        let altered = try Signed()
        try ChainTests.rewrite(altered.url("digests.jsonl")) { $0[2] = $0[2].replacingOccurrences(of: #""lines":2"#, with: #""lines":1"#) }
        report = try altered.verify()
        #expect(report.digests.fault == "line 3: digest 3's signature does not verify: it was altered or forged")

        // Someone with their own key signs the store anew.
        let resigned = try Signed()
        try FileManager.default.removeItem(at: resigned.url("digests.jsonl"))
        let forger = try DigestKey()
        _ = try Store(directory: resigned.dir.store, signer: forger).signDigest()
        report = try resigned.verify()
        #expect(report.digests.fault == "line 1: digest 1 was signed by \(forger.publicKey.fingerprint), not by the trusted key \(resigned.key.publicKey.fingerprint)")

        let unchecked = try Signed()
        report = try Store(readingFrom: unchecked.dir.store).verify(keySource: "/nowhere/digest-key.pem")
        #expect(report.digests.fault == "cannot check the signatures of 3 digests: no public key (give --public-key FILE, or keep the signing key in /nowhere/digest-key.pem)")
    }

    @Test("a store rewritten whole, its digests too, is caught by a digest kept elsewhere")
    func keptDigest() throws {
        let s = try Signed()
        let kept = try #require(try Store(readingFrom: s.dir.store).newestDigestLine())
        var report = try s.verify(kept: kept)
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.kept?.faults == [])

        // The last ack and the digest that vouched for it are taken away: the store alone looks whole.
        try ChainTests.rewrite(s.url("acks.jsonl")) { $0.removeLast() }
        try ChainTests.rewrite(s.url("digests.jsonl")) { $0.removeLast() }
        #expect(try s.verify().isIntact, "without the kept digest, a cut at a digest boundary cannot be told")
        report = try s.verify(kept: kept)
        #expect(!report.isIntact)
        #expect(report.kept?.faults == [
            "acks.jsonl: cut short: the kept digest 3 of 2026-11-25 10:12:40 UTC vouches for 2 lines, the file holds 1 (its last line was removed)",
            "the store's digests (2) do not include it: digests were removed, or the store is not the one it was kept for",
        ])

        // The digests re-signed by a forger's key: the kept digest's own key still decides.
        let t = try Signed()
        let keptT = try #require(try Store(readingFrom: t.dir.store).newestDigestLine())
        try FileManager.default.removeItem(at: t.url("digests.jsonl"))
        let forger = try DigestKey()
        _ = try Store(directory: t.dir.store, signer: forger).signDigest()
        report = try Store(readingFrom: t.dir.store).verify(trusting: forger.publicKey, kept: keptT)
        #expect(report.kept?.faults.first == "it was signed by another key than the trusted \(forger.publicKey.fingerprint)")
    }

    @Test("no digest is signed over a change to what the newest digest vouched for")
    func notSignedOverAChange() throws {
        let s = try Signed()
        try ChainTests.rewrite(s.url("acks.jsonl")) { $0.removeLast() }
        let store = try s.open()
        _ = try store.acknowledge(Fixture.ack(3, of: s.alertIds[2]))
        let notes = store.takeNotes()
        #expect(notes.map(\.kind) == [.digest])
        #expect(notes.first?.message.hasPrefix("no digest was signed for this acknowledgement: not signing a digest of") == true)
        #expect(notes.first?.message.contains("digest 3 vouches for") == true, "\(notes)")
        #expect(try s.verify().digests.count == 3)
        #expect(throws: StoreError.self) { try store.signDigest() }
    }

    @Test("a digest line is exactly as written, and its signature is checked by OpenSSL too")
    func openSSLAgrees() throws {
        let s = try Signed()
        let line = try #require(try Store(readingFrom: s.dir.store).newestDigestLine())
        let digest = try Digest.parse(line[...]).get()
        #expect(digest.line == line)
        #expect(digest.seq == 3)

        let work = s.dir.url
        try write(Array(s.key.publicKey.pem.utf8), to: work.appendingPathComponent("pub.pem"))
        try write(digest.signedMessage, to: work.appendingPathComponent("message"))
        try write(digest.signature, to: work.appendingPathComponent("signature"))
        let verified = try Self.run("/usr/bin/openssl", [
            "pkeyutl", "-verify", "-pubin", "-inkey", work.appendingPathComponent("pub.pem").path, "-rawin",
            "-in", work.appendingPathComponent("message").path, "-sigfile", work.appendingPathComponent("signature").path,
        ])
        #expect(verified.status == 0 && verified.output.contains("Signature Verified Successfully"), "\(verified.output)")

        // The private key file is PKCS#8 that OpenSSL reads, and gives the same public key.
        let keyFile = work.appendingPathComponent("config/vaultwatch/digest-key.pem")
        let made = try DigestKey.loadOrCreate(at: keyFile).key
        let pub = try Self.run("/usr/bin/openssl", ["pkey", "-in", keyFile.path, "-pubout"])
        #expect(try DigestPublicKey(text: pub.output) == made.publicKey)
    }

    @Test("the key lives 0600 in a 0700 folder; a key others can read, or a link, is refused; racing makers share one key")
    func keyFile() throws {
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("config/vaultwatch/digest-key.pem")
        let keys = Mutex<[DigestPublicKey]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let key = try? DigestKey.loadOrCreate(at: file).key { keys.withLock { $0.append(key.publicKey) } }
        }
        #expect(keys.withLock { $0.count } == 8)
        #expect(Set(keys.withLock { $0.map(\.base64) }).count == 1)
        #expect(mode(of: file) == 0o600)
        #expect(mode(of: file.deletingLastPathComponent()) == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["digest-key.pem"])

        chmod(file.path, 0o644)
        let loose = #expect(throws: DigestKeyError.self) { try DigestKey.load(at: file) }
        #expect(loose?.description.contains("it is 0644, so others could read it and forge digests") == true)
        chmod(file.path, 0o600)
        let link = dir.url.appendingPathComponent("link.pem")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(throws: DigestKeyError.self) { try DigestKey.load(at: link) }
        #expect(try DigestKey.load(at: dir.url.appendingPathComponent("none.pem")) == nil)
    }

    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
