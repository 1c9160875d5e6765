import Glibc
import VaultCore

/// Keeping each points file's summary (`PointsFileSummary`) and the hashes of its ARNs up to date.
extension Store {
    /// A points file's summary as it was before an append, with the ARN hashes it accounts for
    /// (sorted, so an append looks its new points up without reading them all): taken under the
    /// file's exclusive lock, before the lines are written.
    struct SummaryBefore: Sendable {
        var summary: PointsFileSummary
        var arns: [UInt64]
    }

    /// The summary of `file` and its ARN hashes, when they are of the file exactly as it is
    /// (`status`, ending in a complete line): the one this store wrote last if the file is still
    /// as it left it (the same inode and length, ending in the same line), else read from disk;
    /// nil when there is none of this content. The caller holds the file's lock.
    func summaryBefore(_ file: StoreFile, through handle: borrowing OpenFile, status: FileStatus) throws(StoreError) -> SummaryBefore? {
        if let cached = summaries.summary(of: file, status),
            try SummaryCoverage.covers(cached.summary.bytes, cached.summary.lastLine, handle, size: status.size, exactly: true)
        {
            return cached
        }
        guard let bytes = try SummaryCoverage.read(file.summaryRelativePath, in: root), let summary = PointsFileSummary.decode(bytes),
            try SummaryCoverage.covers(summary.bytes, summary.lastLine, handle, size: status.size, exactly: true),
            let arns = try SummaryCoverage.read(file.arnsRelativePath, in: root), arns.count == summary.arns * 8
        else { return nil }
        return SummaryBefore(summary: summary, arns: Self.hashes(in: arns).sorted())
    }

    /// After `appended` (whole lines) was written to the end of `file` (held exclusively through
    /// `handle`), which was `before` (`status`): its summary and ARN hashes brought up to date.
    /// When every appended line is a recovery point the file did not hold (by its ARN's hash),
    /// the summary is added to and written whole (one small file), and the new hashes are appended
    /// to the `.arns` file; anything else (a new snapshot of a point, a removal, a summary that was
    /// not current) reads the whole file again. A summary that cannot be written is said
    /// (`takeNotes`); the append stands, and readers read the points file itself meanwhile.
    func refreshSummary(
        of file: StoreFile, through handle: borrowing OpenFile, before: SummaryBefore?, status: FileStatus, appended: [UInt8]
    ) {
        do {
            let size = status.size + appended.count
            let lastLine = ChainHash.of(appended[(appended.dropLast().lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)..<(appended.count - 1)])
            if let before, let (summary, newHashes) = try added(appended, to: before, of: file) {
                var updated = summary
                updated.bytes = size
                updated.lastLine = lastLine
                updated.arns = before.summary.arns + newHashes.count
                // The hashes first: a summary is believed only with as many hashes as it counts.
                if try appendCompanion(file.arnsRelativePath, Self.bytes(of: newHashes), after: before.summary.arns * 8) {
                    try overwriteSummary(file.summaryRelativePath, updated.encoded())
                    summaries.remember(file, status, size: size, SummaryBefore(summary: updated, arns: Self.merged(before.arns, newHashes)))
                    return
                }
            }
            // Anything else, or hashes that are not the ones the summary counts: made anew.
            try rebuildSummary(of: file, through: handle, size: size)
        } catch {
            summaries.forget(file)
            note(
                StoreProblem(
                    .summary, file: file.relativePath, line: nil,
                    message: "its summary could not be brought up to date (\(error)); commands read the file itself"
                        + " until an append or `vaultwatch store repair` writes it"))
        }
    }

    /// The summary of `before` with the points of `appended` added, and their ARN hashes
    /// (sorted); nil when that would not be the file's summary: a line that is no new recovery point.
    private func added(_ appended: [UInt8], to before: SummaryBefore, of file: StoreFile) throws -> (PointsFileSummary, [UInt64])? {
        var load = PointsLoad()
        let (_, lines) = try PointsReader.read(appended, of: file, in: root, into: &load)
        guard load.records.isEmpty, load.problems.isEmpty, load.lists.values.reduce(0, { $0 + $1.count }) == lines else {
            return nil
        }
        let hashes = load.lists.values.flatMap { $0.map { ARNHash.of($0.arn) } }.sorted()
        guard zip(hashes, hashes.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        for hash in hashes where Self.contains(before.arns, hash) { return nil }
        var summary = before.summary
        for (vault, list) in load.lists {
            var vaultSummary = summary.vaults[vault] ?? PointsSummary()
            for point in list { vaultSummary.add(point) }
            summary.vaults[vault] = vaultSummary
        }
        return (summary, hashes)
    }

    /// Reads the whole of `file` (the caller holds it exclusively, `size` bytes) and writes its
    /// summary and ARN hashes anew. Returns the summary written.
    @discardableResult
    func rebuildSummary(of file: StoreFile, through handle: borrowing OpenFile, size: Int) throws(StoreError) -> PointsFileSummary {
        summaries.forget(file)
        let (summary, hashes) = try SummaryCoverage.compute(file, through: handle, size: size, in: root)
        try writeCompanion(file.arnsRelativePath, Self.bytes(of: hashes))
        do {
            try overwriteSummary(file.summaryRelativePath, try summary.encoded())
        } catch let error as StoreError {
            throw error
        } catch {
            throw .writeFailed(path: root.path(file.summaryRelativePath), reason: "\(error)")
        }
        // Of the whole file (no torn tail after it): the next append can add to it as it is.
        let status = try handle.status()
        if summary.bytes == status.size {
            summaries.remember(file, status, size: status.size, SummaryBefore(summary: summary, arns: hashes.sorted()))
        }
        return summary
    }

    // MARK: - Companion files

    /// Replaces a companion file whole: written beside it, then renamed over it.
    private func writeCompanion(_ relativePath: String, _ bytes: [UInt8]) throws(StoreError) {
        let temp = relativePath + ".writing"
        guard let handle = try OpenFile.open(temp, in: root, for: .replace) else {
            throw .writeFailed(path: root.path(temp), reason: "it vanished while being created")
        }
        _ = try handle.claim(try handle.status(), as: temp)
        if let code = handle.writeAll(bytes, with: calls) {
            root.remove(temp)
            throw .writeFailed(path: root.path(temp), reason: osReason(code))
        }
        let folder = String(relativePath.split(separator: "/").dropLast().joined(separator: "/"))
        let name = String(relativePath.split(separator: "/").last ?? "")
        if let code = try root.rename(name + ".writing", to: name, inFolder: folder) {
            root.remove(temp)
            throw .writeFailed(path: root.path(relativePath), reason: osReason(code))
        }
    }

    /// Writes a summary over the one there, from its start, and cuts what is left of the old one.
    /// Cheaper than a new file renamed into place (no inode made and freed at every append), and
    /// as safe: readers read a summary under its points file's lock, which the writer holds, and a
    /// write cut short (a crash, a full disk) leaves a summary whose check line does not match
    /// (`PointsFileSummary.verified`), which nothing believes.
    private func overwriteSummary(_ relativePath: String, _ bytes: [UInt8]) throws(StoreError) {
        guard let handle = try OpenFile.open(relativePath, in: root, for: .overwrite) else {
            throw .writeFailed(path: root.path(relativePath), reason: "it vanished while being created")
        }
        _ = try handle.claim(try handle.status(), as: relativePath)
        if let code = handle.writeAll(bytes, with: calls) ?? handle.truncate(to: bytes.count) {
            _ = handle.truncate(to: 0)
            throw .writeFailed(path: root.path(relativePath), reason: osReason(code))
        }
    }

    /// Appends to a companion file that holds `expected` bytes; false (nothing written) when it
    /// holds anything else: what it holds is not what the summary counts.
    private func appendCompanion(_ relativePath: String, _ bytes: [UInt8], after expected: Int) throws(StoreError) -> Bool {
        guard let handle = try OpenFile.open(relativePath, in: root, for: .append) else {
            throw .writeFailed(path: root.path(relativePath), reason: "it vanished while being created")
        }
        let status = try handle.status()
        _ = try handle.claim(status, as: relativePath)
        guard status.size == expected else { return false }
        if let code = handle.writeAll(bytes, with: calls) {
            _ = handle.truncate(to: expected)
            throw .writeFailed(path: root.path(relativePath), reason: osReason(code))
        }
        return true
    }

    static func bytes(of hashes: [UInt64]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(hashes.count * 8)
        for hash in hashes { withUnsafeBytes(of: hash.littleEndian) { out += $0 } }
        return out
    }

    /// The hashes a `.arns` file holds.
    static func hashes(in bytes: [UInt8]) -> [UInt64] {
        bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self).littleEndian }
        }
    }

    /// Two sorted runs of hashes as one sorted run.
    static func merged(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] <= b[j] {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// Whether sorted `hashes` holds `hash`.
    private static func contains(_ hashes: [UInt64], _ hash: UInt64) -> Bool {
        var low = 0
        var high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        return low < hashes.count && hashes[low] == hash
    }
}

extension Array where Element == UInt8 {
    /// The bytes in runs of `size` (the last one shorter when they do not divide evenly).
    func chunks(of size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
