/// Whether the store still holds what its newest digest vouches for: the newest digest readable,
/// following the one before it and (given the signing key) signed by that key, and each chained
/// file still holding, unchanged, the lines it vouches for. A writer checks this before it
/// appends a line (`Store.requireVouched()`), so nothing is recorded, and no digest signed, on
/// top of a store cut short or edited; a reader says it (`Store.vouchedProblems()`).
///
/// Cheap, whatever the store's size: it reads the last two digest lines and, in each chained
/// file, the one line where the digest reaches. The whole check, every line and every digest,
/// is `Store.verify()`.
enum DigestHold {
    /// What does not hold, and in which file.
    struct Fault: Error, Equatable {
        var file: StoreFile
        var reason: String
    }

    /// The first thing that does not hold, or nil. `key` is the signing key's public half (the
    /// newest digest must be signed by it); with `requireDigest`, chained files that hold lines
    /// with no digest at all do not hold either (the digests were taken away). Throws when a file
    /// cannot be opened or read (a FIFO or a directory where a file should be, say).
    static func fault(
        in root: StoreDirectory, key: DigestPublicKey?, requireDigest: Bool, head: DigestHead? = nil
    ) throws(StoreError) -> Fault? {
        if let head, let reason = try missing(head, in: root) { return Fault(file: .digests, reason: reason) }
        guard let newest = try newestDigest(in: root, key: key) else {
            guard requireDigest else { return nil }
            var lines: [String] = []
            for file in StoreFile.chained where (try root.status(of: file.relativePath))?.size ?? 0 > 0 {
                lines.append(file.relativePath)
            }
            guard !lines.isEmpty else { return nil }
            return Fault(
                file: .digests,
                reason: "no digest vouches for what \(lines.joined(separator: ", ")) hold: the digests were taken away,"
                    + " or the store predates them (only if you know it was not changed, `vaultwatch store digest` signs one"
                    + " over the files as they are, on purpose; else restore it from a copy)")
        }
        switch newest {
        case .failure(let fault): return fault
        case .success(let digest):
            for file in StoreFile.chained {
                if let reason = try mismatch(of: file, in: root, with: digest) { return Fault(file: file, reason: reason) }
            }
            return nil
        }
    }

    /// Why `digests.jsonl` no longer holds the digest this machine last signed for the store
    /// (`head`), or nil when it does.
    static func missing(_ head: DigestHead, in root: StoreDirectory) throws(StoreError) -> String? {
        let said = "this machine signed digest \(head.seq) for this store (as kept beside its signing key), but"
        let why = ": digests were removed or replaced, and what they vouched for may have gone with them; restore the"
            + " store from a copy, or check it against a digest kept elsewhere (`vaultwatch store verify --digest FILE`)"
        guard let handle = try OpenFile.open(StoreFile.digests.relativePath, in: root, for: .read) else {
            return "\(said) digests.jsonl is gone\(why)"
        }
        try handle.lock(.shared)
        guard try handle.status().size >= head.end, try lastLineHash(handle, endingAt: head.end) == head.hash else {
            return "\(said) digests.jsonl no longer holds it\(why)"
        }
        return nil
    }

    /// The newest digest and whether it is one to build on; nil when there is none.
    private static func newestDigest(in root: StoreDirectory, key: DigestPublicKey?) throws(StoreError) -> Result<Digest, Fault>? {
        guard let handle = try OpenFile.open(StoreFile.digests.relativePath, in: root, for: .read) else { return nil }
        try handle.lock(.shared)
        let size = try handle.status().size
        // A torn last digest may be the one that vouched for lines since taken away: nothing is
        // built on the digest before it until `store repair` sets it aside, on purpose.
        if try TornLine.isTorn(handle, size: size) {
            let end = try TornLine.lastNewline(in: handle, before: size).map { $0 + 1 } ?? 0
            return .failure(
                Fault(
                    file: .digests,
                    reason: "its last line is an unfinished digest (\(size - end) bytes), which may have vouched for lines"
                        + " since taken away; `vaultwatch store repair` sets it aside"))
        }
        let end = size - 1
        guard end > 0 else { return nil }
        let start = try TornLine.lastNewline(in: handle, before: end).map { $0 + 1 } ?? 0
        let line = try handle.read(at: start, count: end - start)
        let digest: Digest
        switch Digest.parse(line[...]) {
        case .success(let parsed): digest = parsed
        case .failure(let error):
            return .failure(Fault(file: .digests, reason: "its last line: \(error)"))
        }
        let name = "digest \(digest.seq) (its last)"
        if let key {
            guard digest.key == key.base64 else {
                let other = (try? DigestPublicKey(text: digest.key))?.fingerprint ?? "an unreadable key"
                return .failure(
                    Fault(
                        file: .digests,
                        reason: "\(name) was signed by \(other), not by this vaultwatch's signing key \(key.fingerprint):"
                            + " put the key that signed it back in place"))
            }
            guard key.isValidSignature(digest.signature, for: digest.signedMessage) else {
                return .failure(Fault(file: .digests, reason: "\(name)'s signature does not verify: it was altered or forged"))
            }
        }
        // It follows the digest before it (or is the first).
        let previous: String
        if start > 0 {
            let before = try TornLine.lastNewline(in: handle, before: start - 1).map { $0 + 1 } ?? 0
            previous = ChainHash.of(try handle.read(at: before, count: start - 1 - before)[...])
        } else {
            previous = Digest.genesis
        }
        guard digest.prev == previous else {
            return .failure(
                Fault(
                    file: .digests,
                    reason: "\(name) does not follow the line before it (digests were removed, reordered or edited)"))
        }
        return .success(digest)
    }

    /// Why `file` no longer holds what `digest` vouches for, or nil when it does.
    private static func mismatch(of file: StoreFile, in root: StoreDirectory, with digest: Digest) throws(StoreError) -> String? {
        guard let entry = digest.entry(for: file.relativePath) else { return nil }
        guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else {
            guard entry.lines > 0 else { return nil }
            return "it is gone, but digest \(digest.seq) vouches for \(entry.lines) line\(entry.lines == 1 ? "" : "s") of it"
        }
        try handle.lock(.shared)
        return try mismatch(of: handle, with: entry, seq: digest.seq)
    }

    /// Why the file `handle` holds (locked) no longer holds what digest `seq` vouches for in
    /// `entry`: fewer whole lines, or another line where it reaches. Nil when it holds.
    static func mismatch(of handle: borrowing OpenFile, with entry: Digest.Entry, seq: Int) throws(StoreError) -> String? {
        let end = try wholeLinesEnd(of: handle)
        guard entry.bytes <= end else {
            return "it holds \(end) bytes of whole lines, fewer than the \(entry.bytes) digest \(seq) vouches for"
                + " (lines were removed or shortened, or it was emptied)"
        }
        guard entry.lines > 0 else { return nil }
        guard try lastLineHash(handle, endingAt: entry.bytes) == entry.head else {
            return "its line \(entry.lines) is not the one digest \(seq) vouches for (it, or a line before it, was altered)"
        }
        return nil
    }

    /// Where the file's whole lines end: an unfinished last line (a writer that died mid-line) is not counted.
    static func wholeLinesEnd(of handle: borrowing OpenFile) throws(StoreError) -> Int {
        let size = try handle.status().size
        return try TornLine.isTorn(handle, size: size) ? (try TornLine.lastNewline(in: handle, before: size).map { $0 + 1 } ?? 0) : size
    }

    /// The hash of the line whose newline is the byte before `end` ("" when that is no newline).
    static func lastLineHash(_ handle: borrowing OpenFile, endingAt end: Int) throws(StoreError) -> String {
        let newline = end - 1
        guard newline >= 0, try handle.read(at: newline, count: 1) == [UInt8(ascii: "\n")] else { return "" }
        let start = try TornLine.lastNewline(in: handle, before: newline).map { $0 + 1 } ?? 0
        return ChainHash.of(try handle.read(at: start, count: newline - start)[...])
    }
}
