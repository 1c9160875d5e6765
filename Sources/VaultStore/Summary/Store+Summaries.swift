import Glibc
import VaultCore

/// Keeping each points file's summary (`PointsFileSummary`) and the hashes of its ARNs up to date.
extension Store {
    /// A points file's summary as it was before an append, with the ARN hashes it accounts for:
    /// taken under the file's exclusive lock, before the lines are written.
    struct SummaryBefore {
        var summary: PointsFileSummary
        var arns: [UInt64]
    }

    /// The summary of `file` and its ARN hashes, when they are of the file exactly as it is
    /// (`size` bytes, ending in a complete line); nil otherwise. The caller holds the file's lock.
    func summaryBefore(_ file: StoreFile, through handle: borrowing OpenFile, size: Int) throws(StoreError) -> SummaryBefore? {
        guard let bytes = try SummaryCoverage.read(file.summaryRelativePath, in: root), let summary = PointsFileSummary.decode(bytes),
            try SummaryCoverage.covers(summary.bytes, summary.lastLine, handle, size: size, exactly: true),
            let arns = try SummaryCoverage.read(file.arnsRelativePath, in: root), arns.count == summary.arns * 8
        else { return nil }
        return SummaryBefore(
            summary: summary,
            arns: arns.withUnsafeBytes { raw in (0..<summary.arns).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self).littleEndian } })
    }

    /// After `appended` (whole lines) was written to the end of `file` (held exclusively through
    /// `handle`), which held `sizeBefore` bytes: its summary and ARN hashes brought up to date.
    /// When every appended line is a recovery point the file did not hold (by its ARN's hash),
    /// the summary is added to; anything else (a new snapshot of a point, a removal, a summary
    /// that was not current) reads the whole file again. A summary that cannot be written is
    /// said (`takeNotes`); the append stands, and readers read the points file itself meanwhile.
    func refreshSummary(
        of file: StoreFile, through handle: borrowing OpenFile, before: SummaryBefore?, sizeBefore: Int, appended: [UInt8]
    ) {
        do {
            let size = sizeBefore + appended.count
            let lastLine = ChainHash.of(appended[(appended.dropLast().lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)..<(appended.count - 1)])
            if let before, let (summary, newHashes) = try added(appended, to: before, of: file) {
                var updated = summary
                updated.bytes = size
                updated.lastLine = lastLine
                updated.arns = before.arns.count + newHashes.count
                try appendCompanion(file.arnsRelativePath, Self.bytes(of: newHashes))
                try writeCompanion(file.summaryRelativePath, updated.encoded())
            } else {
                try rebuildSummary(of: file, through: handle, size: size)
            }
        } catch {
            note(
                StoreProblem(
                    .summary, file: file.relativePath, line: nil,
                    message: "its summary could not be brought up to date (\(error)); commands read the file itself"
                        + " until an append or `vaultwatch store repair` writes it"))
        }
    }

    /// The summary of `before` with the points of `appended` added, and their ARN hashes; nil
    /// when that would not be the file's summary: a line that is no new recovery point.
    private func added(_ appended: [UInt8], to before: SummaryBefore, of file: StoreFile) throws -> (PointsFileSummary, [UInt64])? {
        var load = PointsLoad()
        let (_, lines) = try PointsReader.read(appended, of: file, in: root, into: &load)
        guard load.records.isEmpty, load.problems.isEmpty, load.lists.values.reduce(0, { $0 + $1.count }) == lines else {
            return nil
        }
        let hashes = load.lists.values.flatMap { $0.map { ARNHash.of($0.arn) } }.sorted()
        guard zip(hashes, hashes.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        for known in before.arns where Self.contains(hashes, known) { return nil }
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
        let (summary, hashes) = try SummaryCoverage.compute(file, through: handle, size: size, in: root)
        try writeCompanion(file.arnsRelativePath, Self.bytes(of: hashes))
        do {
            try writeCompanion(file.summaryRelativePath, try summary.encoded())
        } catch let error as StoreError {
            throw error
        } catch {
            throw .writeFailed(path: root.path(file.summaryRelativePath), reason: "\(error)")
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

    private func appendCompanion(_ relativePath: String, _ bytes: [UInt8]) throws(StoreError) {
        guard let handle = try OpenFile.open(relativePath, in: root, for: .append) else {
            throw .writeFailed(path: root.path(relativePath), reason: "it vanished while being created")
        }
        _ = try handle.claim(try handle.status(), as: relativePath)
        if let code = handle.writeAll(bytes, with: calls) {
            throw .writeFailed(path: root.path(relativePath), reason: osReason(code))
        }
    }

    static func bytes(of hashes: [UInt64]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(hashes.count * 8)
        for hash in hashes { withUnsafeBytes(of: hash.littleEndian) { out += $0 } }
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
