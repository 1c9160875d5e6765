import Foundation

/// Checks digests: the lines of `digests.jsonl` (their chain and signatures) and a file's lines
/// against what a digest vouches for.
enum DigestCheck {
    /// The digests of `bytes` (the whole of `digests.jsonl`), in order, and what is wrong with
    /// them. Signatures are checked with `key`; without one, digests cannot be trusted.
    static func chain(_ bytes: [UInt8], trusting key: DigestPublicKey?, keySource: String) -> (DigestChainReport, [Digest]) {
        var report = DigestChainReport()
        report.key = key
        report.keySource = keySource
        var digests: [Digest] = []
        var links: [ChainVerifier.Line] = []
        var faults: [String] = []
        var start = 0
        var number = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            number += 1
            let line = bytes[start..<newline]
            switch Digest.parse(line) {
            case .success(let digest):
                digests.append(digest)
                links.append(ChainVerifier.Line(hash: ChainHash.of(line), prev: digest.prev, seq: digest.seq, schema: nil, end: newline + 1))
                if let key {
                    if digest.key != key.base64 {
                        let other = (try? DigestPublicKey(text: digest.key))?.fingerprint ?? "an unreadable key"
                        faults.append("line \(number): digest \(digest.seq) was signed by \(other), not by the trusted key \(key.fingerprint)")
                    } else if !key.isValidSignature(digest.signature, for: digest.signedMessage) {
                        faults.append("line \(number): digest \(digest.seq)'s signature does not verify: it was altered or forged")
                    }
                }
            case .failure(let error):
                faults.append("line \(number) is \(error)")
                links.append(ChainVerifier.Line(hash: ChainHash.of(line), prev: nil, seq: nil, schema: nil, end: newline + 1))
            }
            start = newline + 1
        }
        report.count = number
        report.unfinishedBytes = bytes.count - start
        report.newest = digests.last
        if report.unfinishedBytes > 0 {
            // Digests are written whole and flushed: a cut one is seldom a crash, and the lines it
            // may have vouched for (and their digest) can have been taken away together.
            let after = digests.last.map { "after digest \($0.seq)" } ?? "in the files"
            faults.append(
                "its last line is an unfinished digest (\(report.unfinishedBytes) bytes): digests are written whole, so one"
                    + " cut short is seldom a crash; lines \(after) that it may have vouched for could have been taken"
                    + " away with it (`vaultwatch store repair` sets it aside)")
        }
        if let broken = ChainVerifier.firstBreak(in: links, from: 0, genesis: Digest.genesis) {
            faults.insert("digest chain broken at line \(broken.line): \(broken.detail)", at: 0)
        }
        if key == nil && !digests.isEmpty {
            faults.append(
                "cannot check the signatures of \(digests.count == 1 ? "the digest" : "\(digests.count) digests"):"
                    + " no public key (give --public-key FILE, or keep the signing key in \(keySource))")
        }
        report.fault = faults.first.map { faults.count > 1 ? "\($0) (and \(faults.count - 1) more)" : $0 }
        return (report, digests)
    }

    /// The first line of a file that is not as `digest` vouches: lines cut from its end, or its
    /// line where the digest reaches that is another one.
    static func mismatch(_ digest: Digest, _ file: StoreFile, _ lines: [ChainVerifier.Line], kept: Bool = false) -> ChainBreak? {
        guard let entry = digest.entry(for: file.relativePath) else { return nil }
        let name = (kept ? "the kept " : "") + DigestCoverage(seq: digest.seq, at: digest.at, lines: entry.lines).name
        if entry.lines > lines.count {
            let missing = entry.lines - lines.count
            let detail =
                lines.isEmpty
                ? "\(name) vouches for \(entry.lines) line\(entry.lines == 1 ? "" : "s"), and the file is empty or gone"
                : "\(name) vouches for \(entry.lines) lines, the file holds \(lines.count)"
                    + " (\(missing == 1 ? "its last line was" : "its last \(missing) lines were") removed)"
            return ChainBreak(line: lines.count + 1, kind: .cut, detail: detail)
        }
        guard entry.lines > 0 else { return nil }
        let line = lines[entry.lines - 1]
        guard line.hash != entry.head || line.end != entry.bytes else { return nil }
        return ChainBreak(
            line: entry.lines, kind: .unvouched,
            detail: "is not the line \(name) vouches for there (it was altered, or lines before it were and the chain recomputed)")
    }
}
