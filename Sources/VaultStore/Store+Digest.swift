import Foundation
import VaultCore

extension Store {
    /// How often, at most, activity in the chained files is signed without an acknowledgement:
    /// once a minute while they are being appended to.
    public static let defaultDigestInterval: TimeInterval = 60

    /// Why a digest is signed.
    enum DigestOccasion {
        case acknowledgement, activity
    }

    /// Signs a digest of the store now, after reading every file (a newer schema stops it first):
    /// `vaultwatch store digest`. Throws when there is no signer, or when a file no longer
    /// matches what the newest digest vouched for (a digest is never signed over a change).
    public func signDigest() throws -> Digest {
        guard let signer else { throw StoreError.digestRefused(path: root.path(of: .digests), reason: "no signing key was given") }
        try requireReadableSchemas()
        return try takingWritersTurn {
            // On purpose, so over a store no digest vouches for yet too; never over one that changed
            // under its newest digest, nor on top of a digest another key signed.
            if let fault = try DigestHold.fault(in: root, key: signer.publicKey, requireDigest: false) {
                throw StoreError.digestRefused(path: root.path(of: fault.file), reason: fault.reason)
            }
            return try writeDigest(with: signer)
        }
    }

    /// The newest digest in `digests.jsonl` as it is written (nil when there is none), for keeping
    /// elsewhere. Reads only.
    public func newestDigestLine() throws -> [UInt8]? {
        guard let handle = try OpenFile.open(StoreFile.digests.relativePath, in: root, for: .read) else { return nil }
        try handle.lock(.shared)
        return try Self.lastWholeLine(of: handle)
    }

    /// Signs a digest when one is due: the chained files reach past the newest digest and it is
    /// older than the interval (or there is none). For a writer's timer, so a burst of activity
    /// that then stops is covered too. Does nothing without a signer; a failure is said by `takeNotes()`.
    public func signDigestIfDue() {
        signDigestIfBehind(olderThan: digestInterval)
    }

    /// Signs a digest when the chained files reach past the newest one, however recent: for a
    /// writer about to stop, so nothing it appended is left not yet covered.
    public func signDigestIfUncovered() {
        signDigestIfBehind(olderThan: 0)
    }

    private func signDigestIfBehind(olderThan age: TimeInterval) {
        guard signer != nil else { return }
        do {
            try takingWritersTurn { signDigestIfBehindDuringTurn(olderThan: age) }
        } catch {
            note(StoreProblem(.digest, file: StoreFile.digests.relativePath, line: nil, message: "no digest was signed: \(error)"))
        }
    }

    private func signDigestIfBehindDuringTurn(olderThan age: TimeInterval) {
        let newest: Digest?
        do {
            // Never over a store that changed under its digests, nor over lines no digest vouches
            // for at all (the digests were taken away): that is `vaultwatch store digest`'s to do,
            // on purpose. Said once, until the reason changes.
            if let fault = try DigestHold.fault(in: root, key: signer?.publicKey, requireDigest: true, head: signedHead()) {
                refuseOnTimer("\(root.path(of: fault.file)): \(fault.reason)")
                return
            }
            newest = try newestDigest()
        } catch {
            refuseOnTimer("\(error)")
            return
        }
        timerRefusal.withLock { $0 = nil }
        if let newest {
            guard clock.now().timeIntervalSince(newest.at) >= age else { return }
            let grown = StoreFile.chained.contains { file in
                let size = (try? root.status(of: file.relativePath))?.size ?? 0
                return size != newest.entry(for: file.relativePath)?.bytes ?? 0
            }
            guard grown else { return }
        } else {
            let empty = StoreFile.chained.allSatisfy { ((try? root.status(of: $0.relativePath))?.size ?? 0) == 0 }
            guard !empty else { return }
        }
        signDigest(on: .activity)
    }

    private func refuseOnTimer(_ reason: String) {
        let changed = timerRefusal.withLock { last in
            defer { last = reason }
            return last != reason
        }
        guard changed else { return }
        note(StoreProblem(.digest, file: StoreFile.digests.relativePath, line: nil, message: "no digest was signed: \(reason)"))
    }

    /// After an append to a chained file: an acknowledgement is always signed for, other activity
    /// once the newest digest is older than the interval. Failures are said, never thrown: what
    /// was appended is stored.
    func signDigest(after occasion: DigestOccasion) {
        guard signer != nil else { return }
        if occasion == .activity, let newest = try? newestDigest(),
            clock.now().timeIntervalSince(newest.at) < digestInterval
        {
            return
        }
        signDigest(on: occasion)
    }

    private func signDigest(on occasion: DigestOccasion) {
        guard let signer else { return }
        signDigest(with: signer, on: occasion)
    }

    func signDigest(with signer: DigestKey, on occasion: DigestOccasion = .activity) {
        do {
            _ = try writeDigest(with: signer)
        } catch {
            note(
                StoreProblem(
                    .digest, file: StoreFile.digests.relativePath, line: nil,
                    message: "no digest was signed\(occasion == .acknowledgement ? " for this acknowledgement" : ""): \(error)"))
        }
    }

    /// Who signed the newest digest (its number, time and key's fingerprint), or nil when the
    /// store holds no readable digest. Reads only: for a command about to make a new signing key,
    /// which must not when the store's digests were signed by a key that went missing.
    public func newestDigestSigner() -> (seq: Int, at: Date, fingerprint: String)? {
        guard let digest = try? newestDigest() else { return nil }
        return (digest.seq, digest.at, (try? DigestPublicKey(text: digest.key))?.fingerprint ?? "an unreadable key")
    }

    /// The newest digest, read from the end of `digests.jsonl` (nil when there is none).
    func newestDigest() throws(StoreError) -> Digest? {
        guard let handle = try OpenFile.open(StoreFile.digests.relativePath, in: root, for: .read) else { return nil }
        try handle.lock(.shared)
        guard let line = try Self.lastWholeLine(of: handle) else { return nil }
        return try? Digest.parse(line[...]).get()
    }

    /// Throws `StoreError.notAsVouched` unless a digest could be signed now: each chained file
    /// still holds what the newest digest vouches for, and every line since follows the one
    /// before it in the hash chain. Reads only. Without a signer, there is nothing to check.
    func requireCoverable() throws(StoreError) {
        guard signer != nil else { return }
        let newest = try newestDigest()
        for file in StoreFile.chained {
            do {
                _ = try DigestReach.of(file, in: root, since: newest?.entry(for: file.relativePath), seq: newest?.seq)
            } catch .digestRefused(let path, let reason) {
                throw .notAsVouched(path: path, reason: reason, store: root.path)
            }
        }
    }

    /// Appends a digest of how far each chained file reaches, chained to and counted from the
    /// newest digest, under the digest file's exclusive lock.
    private func writeDigest(with signer: DigestKey) throws(StoreError) -> Digest {
        let file = StoreFile.digests
        let path = root.path(of: file)
        let handle = try openForAppend(file)
        var newest: (digest: Digest, hash: String)?
        if let line = try Self.lastWholeLine(of: handle) {
            switch Digest.parse(line[...]) {
            case .success(let digest): newest = (digest, ChainHash.of(line[...]))
            case .failure(let error):
                throw .digestRefused(path: path, reason: "its last line is \(error); `vaultwatch store verify` says more")
            }
        }
        var entries: [Digest.Entry] = []
        for chained in StoreFile.chained {
            entries.append(
                try DigestReach.of(
                    chained, in: root, since: newest?.digest.entry(for: chained.relativePath), seq: newest?.digest.seq))
        }
        var digest = Digest(
            seq: (newest?.digest.seq ?? 0) + 1, at: clock.now(), prev: newest?.hash ?? Digest.genesis,
            key: signer.publicKey.base64, files: entries, signature: [])
        do {
            digest.signature = try signer.sign(digest.signedMessage)
        } catch {
            throw .digestRefused(path: path, reason: "\(error)")
        }
        let size = try handle.status().size
        if let code = handle.writeAll(digest.line + [UInt8(ascii: "\n")], with: calls) ?? handle.sync(with: calls) {
            _ = handle.truncate(to: size)
            throw .writeFailed(path: path, reason: osReason(code))
        }
        // Beside the key, outside the store: a later writer checks the store still holds it.
        if let heads = signer.heads {
            do throws(StoreError) {
                try heads.record(
                    DigestHead(store: root.path, seq: digest.seq, end: size + digest.line.count + 1, hash: ChainHash.of(digest.line[...])))
            } catch {
                note(StoreProblem(.digest, file: StoreFile.digests.relativePath, line: nil, message: "digest \(digest.seq) was signed, but \(error)"))
            }
        }
        return digest
    }

    /// The last line of a file whose end is a newline (without it), or nil when it has none.
    static func lastWholeLine(of handle: borrowing OpenFile) throws(StoreError) -> [UInt8]? {
        let size = try handle.status().size
        let end = try TornLine.isTorn(handle, size: size)
            ? (try TornLine.lastNewline(in: handle, before: size) ?? -1) : size - 1
        guard end > 0 else { return nil }
        let start = try TornLine.lastNewline(in: handle, before: end).map { $0 + 1 } ?? 0
        return try handle.read(at: start, count: end - start)
    }

    /// Runs `body` during this store's writers' turn (see `WritersTurn`) when it signs digests;
    /// a store without a signer has no digest to race for and runs it at once.
    func takingWritersTurn<T>(_ body: () throws -> T) throws -> T {
        guard signer != nil else { return try body() }
        return try WritersTurn.taking(in: root, body)
    }
}
