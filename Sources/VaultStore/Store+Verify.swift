import VaultCore

extension Store {
    /// Checks what the store's files say of themselves and what signed digests say of them:
    /// - each chained file's hash chain (`events.jsonl`, `alerts.jsonl`, `acks.jsonl`), naming the
    ///   first line altered, removed, inserted or reordered;
    /// - each file against every digest: lines cut from its end (the file emptied or deleted
    ///   included), or a line that is not the one a digest vouches for (an edit, even with the
    ///   chain recomputed after it); what the newest digest vouches for, and what follows it and
    ///   is not yet covered;
    /// - the digests' own chain and signatures, with `key` (else the signer's); no digest at all
    ///   where there are lines to cover is a fault;
    /// - that every acknowledgement names an alert the store holds, and every alert a call;
    /// - with `kept` (the text of a digest kept elsewhere), that it is signed by the key, that the
    ///   store holds every line it vouches for, and that the store's digests still include it.
    ///
    /// Reads only, each file under its shared lock: the digests first, so none of them can vouch
    /// for more than the files read after it hold. Throws when a file cannot be read, or holds a
    /// line from a newer schema.
    public func verify(trusting key: DigestPublicKey? = nil, keySource: String = "", kept: [UInt8]? = nil) throws -> ChainReport {
        let trusted = key ?? signer?.publicKey
        let source = key != nil ? keySource : trusted != nil ? "the signing key" : keySource
        var digestBytes: [UInt8] = []
        if let handle = try OpenFile.openLocked(StoreFile.digests.relativePath, in: root, for: .read, .shared) {
            digestBytes = try handle.readToEnd(from: 0)
        }
        var (digestReport, digests) = DigestCheck.chain(digestBytes, trusting: trusted, keySource: source)

        var files: [ChainFileReport] = []
        var linesOf: [StoreFile: [ChainVerifier.Line]] = [:]
        var bytesOf: [StoreFile: [UInt8]] = [:]
        for file in StoreFile.chained {
            var bytes: [UInt8] = []
            if let handle = try OpenFile.openLocked(file.relativePath, in: root, for: .read, .shared) {
                bytes = try handle.readToEnd(from: 0)
            }
            var (report, lines) = try ChainVerifier.check(bytes, of: file, in: root)
            if report.breakage == nil {
                report.breakage = digests.lazy.compactMap { DigestCheck.mismatch($0, file, lines) }.first
            }
            if report.breakage == nil, let newest = digests.last, let entry = newest.entry(for: file.relativePath) {
                report.coverage = DigestCoverage(seq: newest.seq, at: newest.at, lines: entry.lines)
            }
            files.append(report)
            linesOf[file] = lines
            bytesOf[file] = bytes
        }
        if digests.isEmpty && digestReport.fault == nil && files.contains(where: { $0.lines > 0 }) {
            digestReport.fault =
                "no digest covers the store: nothing vouches for the end of its files (a writing vaultwatch signs one;"
                + " `vaultwatch store digest` signs one now)"
        }
        let references = try ReferenceCheck.run(
            calls: bytesOf[.events] ?? [], alerts: bytesOf[.alerts] ?? [], acks: bytesOf[.acks] ?? [], in: root)
        let keptReport = try kept.map { text throws(StoreError) in
            try checkKept(text, trusting: trusted, linesOf: linesOf, storeDigests: digestBytes)
        }
        return ChainReport(files: files, digests: digestReport, references: references, kept: keptReport)
    }

    /// The store against a digest kept elsewhere.
    private func checkKept(
        _ text: [UInt8], trusting key: DigestPublicKey?, linesOf: [StoreFile: [ChainVerifier.Line]], storeDigests: [UInt8]
    ) throws(StoreError) -> KeptDigestReport {
        let line = text.split(separator: UInt8(ascii: "\n")).last { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } } ?? []
        let digest: Digest
        switch Digest.parse(line) {
        case .success(let parsed): digest = parsed
        case .failure(let error): throw .badKeptDigest(reason: "\(error)")
        }
        var report = KeptDigestReport(digest: digest)
        if let key {
            if digest.key != key.base64 {
                report.faults.append("it was signed by another key than the trusted \(key.fingerprint)")
            } else if !key.isValidSignature(digest.signature, for: digest.signedMessage) {
                report.faults.append("its signature does not verify: it was altered or forged")
            }
        } else {
            report.faults.append("its signature cannot be checked: no public key (give --public-key FILE)")
        }
        for file in StoreFile.chained {
            if let mismatch = DigestCheck.mismatch(digest, file, linesOf[file] ?? [], kept: true) {
                report.faults.append("\(file.relativePath): \(mismatch)")
            }
        }
        // The store's digests must still hold it, as it was.
        var count = 0
        var found = false
        for stored in storeDigests.split(separator: UInt8(ascii: "\n")) {
            count += 1
            if stored.elementsEqual(digest.line) { found = true }
        }
        if !found {
            if let same = storeDigests.split(separator: UInt8(ascii: "\n")).compactMap({ try? Digest.parse($0).get() })
                .first(where: { $0.seq == digest.seq })
            {
                report.faults.append("the store's digest \(same.seq) is not this one: the store's digests were rewritten")
            } else {
                report.faults.append(
                    "the store's digests (\(count)) do not include it: digests were removed, or the store is not the one it was kept for")
            }
        }
        return report
    }
}
