import Foundation

/// How far one chained file reaches now, read under its shared lock for a digest: from the
/// newest digest's word for it when that still holds (only what came since is read), else from
/// the start. A digest is never signed over a file that no longer matches what a digest vouched
/// for, nor over lines since then that do not form an unbroken hash chain from it (a line added
/// without the hash of the one before, or a newer schema's): a writer checks before it vouches.
enum DigestReach {
    static func of(_ file: StoreFile, in root: StoreDirectory, since base: Digest.Entry?, seq: Int?) throws(StoreError) -> Digest.Entry {
        let path = root.path(of: file)
        guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else {
            if let base, base.lines > 0 { throw refusal(path, seq, "it is gone, but digest \(seq ?? 0) vouches for \(base.lines) lines of it") }
            return Digest.Entry(file: file.relativePath, lines: 0, bytes: 0, head: ChainHash.genesis(of: file))
        }
        try handle.lock(.shared)
        let end = try DigestHold.wholeLinesEnd(of: handle)
        var lines = 0
        var from = 0
        var head = ChainHash.genesis(of: file)
        if let base {
            if let reason = try DigestHold.mismatch(of: handle, with: base, seq: seq ?? 0) { throw refusal(path, seq, reason) }
            lines = base.lines
            from = base.bytes
            if base.lines > 0 { head = base.head }
        }
        let since = try handle.read(at: from, count: end - from)
        guard since.count == end - from else {
            throw StoreError.cannotRead(path: path, reason: "it ended at \(from + since.count) bytes, short of \(end)")
        }
        let fresh: [ChainVerifier.Line]
        if from == 0 {
            // From the start, old unchained lines may come first, as `verify()` allows.
            let (report, all) = try ChainVerifier.check(since, of: file, in: root)
            if let broken = report.breakage {
                throw refusal(path, seq, "its line \(broken.line) is \(broken.detail)")
            }
            fresh = all
        } else {
            fresh = try chainedLines(since, of: file, in: root, firstLine: lines + 1)
            if let i = fresh.indices.first(where: { fresh[$0].prev != ($0 == 0 ? head : fresh[$0 - 1].hash) }) {
                throw refusal(
                    path, seq,
                    "its line \(lines + i + 1), after what digest \(seq ?? 0) vouches for, does not follow the line before it"
                        + " in the hash chain (added or altered by hand?)")
            }
        }
        // A digest never vouches for a made-up alert, nor for a line since the newest digest that
        // cannot be read (made unreadable before its digest, a real alert would vanish from every
        // listing with the digests' blessing). From the start, only alerts are read again: an old
        // store's calls are many, and lines from before digests are not judged here.
        if from > 0 || file == .alerts {
            switch try ReferenceCheck.unvouchable(in: since, of: file, firstLine: lines + 1, in: root, unreadable: from > 0) {
            case .unreadable(let line, let why)?:
                throw refusal(path, seq, "its line \(line), after what digest \(seq ?? 0) vouches for, cannot be read (\(why))")
            case .misnamed(let reason)?:
                throw refusal(path, seq, reason)
            case nil:
                break
            }
        }
        return Digest.Entry(
            file: file.relativePath, lines: lines + fresh.count, bytes: end, head: fresh.last?.hash ?? head)
    }

    /// The whole lines of `bytes` with their hashes and envelopes. A newer schema throws.
    private static func chainedLines(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory, firstLine: Int
    ) throws(StoreError) -> [ChainVerifier.Line] {
        let json = JSONDecoder()
        var decoder = FlatLineDecoder()
        var lines: [ChainVerifier.Line] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = bytes[start..<newline]
            let envelope = ChainVerifier.envelope(of: line, json: json, decoder: &decoder)
            if let schema = envelope.schema, schema > StoreSchema.current {
                throw .newerSchema(
                    file: root.path(of: file), line: firstLine + lines.count, version: schema, supported: StoreSchema.current)
            }
            lines.append(ChainVerifier.Line(hash: ChainHash.of(line), prev: envelope.prev, seq: envelope.seq, schema: envelope.schema, end: newline + 1))
            start = newline + 1
        }
        return lines
    }

    private static func refusal(_ path: String, _ seq: Int?, _ reason: String) -> StoreError {
        .digestRefused(path: path, reason: reason)
    }
}
