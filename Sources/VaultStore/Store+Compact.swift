import VaultCore

extension Store {
    /// Where a compaction writes a file's new lines before renaming them into place. Not a
    /// `.jsonl` name, so no load or tail ever reads a half-written one.
    static let compactingSuffix = ".compacting"

    /// Rewrites `vaults.jsonl`, `policies.jsonl` and every `points/*.jsonl` so each vault, policy and
    /// recovery point keeps only its newest line (see `SnapshotPlan`). Alerts, acks, events, jobs and sync are never
    /// touched, so the hash chain stays as it was.
    ///
    /// Each file is replaced under its exclusive lock, so appenders wait and then append to the
    /// new file: the new lines are written to `<file>.compacting`, flushed, renamed over the file,
    /// and the folder flushed. Stopping at any point loses nothing: until the rename the old file
    /// is whole, after it the new one is. A torn last line is set aside first, as an append would.
    /// Every file of the store is read first: a line from a newer schema anywhere (alerts included)
    /// stops the compaction before anything is changed.
    public func compact() throws -> CompactionReport {
        try compact(after: { _, _ in })
    }

    /// The seam for tests: `step` runs after each step of each replaced file, and may throw to
    /// stop there as a crash would (the `.compacting` file is then left behind, as after a crash).
    func compact(after step: (CompactionStep, StoreFile) throws -> Void) throws -> CompactionReport {
        try requireReadableSchemas()
        var report = CompactionReport(files: [])
        for file in try StoreFile.all(in: root) where file == .vaults || file == .policies || file.isPoints {
            if let result = try compact(file, after: step) { report.files.append(result) }
        }
        return report
    }

    private func compact(_ file: StoreFile, after step: (CompactionStep, StoreFile) throws -> Void) throws -> FileCompaction? {
        let path = root.path(of: file)
        guard try root.status(of: file.relativePath) != nil else { return nil }
        let handle = try openForAppend(file)
        let status = try handle.status()
        let bytes = try handle.read(at: 0, count: status.size)
        let plan = try SnapshotPlan(bytes, of: file, in: root)
        var compacted: [UInt8] = []
        compacted.reserveCapacity(plan.kept.reduce(0) { $0 + $1.count + 1 })
        for range in plan.kept {
            compacted += bytes[range]
            compacted.append(UInt8(ascii: "\n"))
        }
        let result = FileCompaction(
            file: file.relativePath, linesBefore: plan.lineCount, bytesBefore: bytes.count,
            linesAfter: plan.kept.count, bytesAfter: compacted.count)
        guard result.wasRewritten else { return result }
        try replace(file, at: path, with: compacted, after: step)
        sequences.forget(file)
        if file.isPoints, let replaced = try OpenFile.openLocked(file.relativePath, in: root, for: .append, .exclusive) {
            // The summary is of the new file: its points are the same, its lines are not.
            try rebuildSummary(of: file, through: replaced, size: try replaced.status().size)
        }
        return result
        // Closing the old file releases its lock; waiting appenders find the new file in its place.
    }

    /// Writes `lines` to the side file, flushes it, renames it over `path` and flushes the folder.
    private func replace(
        _ file: StoreFile, at path: String, with lines: [UInt8], after step: (CompactionStep, StoreFile) throws -> Void
    ) throws {
        let temp = file.relativePath + Self.compactingSuffix
        let tempPath = root.path(temp)
        func fail(_ what: String, _ code: Int32) -> StoreError {
            root.remove(temp)
            return .compactionFailed(path: path, reason: "\(what): \(osReason(code)) (the file is as it was)")
        }
        do {
            guard let handle = try OpenFile.open(temp, in: root, for: .replace) else {
                throw StoreError.compactionFailed(path: path, reason: "\(tempPath) vanished while being created")
            }
            _ = try handle.claim(try handle.status(), as: temp)
            if let code = handle.writeAll(lines, with: calls) { throw fail("cannot write \(tempPath)", code) }
            try step(.tempWritten, file)
            if let code = handle.sync(with: calls) { throw fail("cannot flush \(tempPath) to disk", code) }
            try step(.tempSynced, file)
        }
        let name = String(file.relativePath.split(separator: "/").last!)
        if let code = try root.rename(name + Self.compactingSuffix, to: name, inFolder: file.folder) {
            throw fail("cannot rename \(tempPath) into place", code)
        }
        try step(.renamed, file)
        if let code = root.sync(folder: file.folder) {
            throw StoreError.compactionFailed(
                path: path, reason: "it was replaced, but its folder could not be flushed to disk: \(osReason(code))")
        }
        try step(.folderSynced, file)
    }
}

extension StoreFile {
    /// The folder the file is in, relative to the store: `""` or `points`.
    var folder: String { isPoints ? Self.pointsFolder : "" }
}
