import VaultCore

extension Store {
    /// Sets aside the torn last line of every file (a writer that died mid-line) and reports
    /// each. For a writer that follows the store with a `StoreTail`, which leaves an unfinished
    /// line alone: call this once after the tail's first poll, so a newer schema has already
    /// stopped the program before anything on disk changes. On a store opened for reading it
    /// changes nothing and reports what it would set aside (see `tornLines()`). Files named in
    /// `except` (relative paths) are left alone: a command about to append to one leaves its repair
    /// to the append, which says it.
    public func setAsideTornLines(except: Set<String> = []) -> [StoreProblem] {
        guard root.access == .writing else { return tornLines() }
        return eachFile { file throws(StoreError) -> StoreProblem? in
            guard !except.contains(file.relativePath) else { return nil }
            let handle = try openExclusive(file)
            let size = try handle.status().size
            guard try TornLine.isTorn(handle, size: size) else { return nil }
            let setAside = try TornLine.setAside(
                from: handle, size: size, storeFile: file, in: root, at: clock.now(), calls: calls)
            sequences.forget(file)
            guard let setAside else { return nil }
            return StoreProblem(
                .tornLine, file: file.relativePath, line: nil,
                message: "set aside \(setAside.count) bytes of a torn last line in \(file.tornRelativePath)")
        } failed: { file, error in
            StoreProblem(
                .tornLine, file: file.relativePath, line: nil, message: "a torn last line could not be set aside: \(error)")
        }
    }

    /// The torn last lines of the store's files, changing nothing: for a reader, which says them
    /// and leaves them to a writing command or `vaultwatch store repair`. Checked under each
    /// file's shared lock, so a writer mid-line is not mistaken for one that died.
    public func tornLines() -> [StoreProblem] {
        eachFile { file throws(StoreError) -> StoreProblem? in
            guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else { return nil }
            try handle.lock(.shared)
            let size = try handle.status().size
            guard try TornLine.isTorn(handle, size: size) else { return nil }
            let start = try TornLine.lastNewline(in: handle, before: size).map { $0 + 1 } ?? 0
            return TornLine.notRead(file, line: nil, bytes: size - start)
        } failed: { file, error in
            StoreProblem(.tornLine, file: file.relativePath, line: nil, message: "could not be checked for a torn last line: \(error)")
        }
    }

    /// `vaultwatch store repair`: after reading every file (a newer schema stops it before any
    /// change), makes the store as vaultwatch keeps it and says each change: the points folder
    /// and every file narrowed to 0700 and 0600 (the directory was at opening), torn last lines
    /// set aside (the digests' included), and what an interrupted compaction left behind removed.
    /// What no repair puts right (lines cut or edited, a forged digest) is for `verify()` to
    /// say. Returns the repairs,
    /// the directory's included; none when the store was as it should be.
    public func repair() throws -> [StoreProblem] {
        try requireReadableSchemas()
        var made = takeNotes()
        // The digests too: a torn last digest is set aside (and kept) like any torn line.
        let files = try StoreFile.all(in: root) + [.digests]
        for file in files {
            guard try root.status(of: file.relativePath) != nil else { continue }
            // Claims the file (and its folder), and sets aside a torn last line.
            let handle = try openForAppend(file)
            made += takeNotes()
            if file.isPoints, let repaired = try repairSummary(of: file, through: handle) { made.append(repaired) }
            // A compaction holds this lock from writing its new file to renaming it: a
            // `.compacting` file seen under it was left by one that stopped.
            let leftover = file.relativePath + Self.compactingSuffix
            if let status = try root.status(of: leftover), status.isRegularFile {
                if let code = root.remove(leftover) {
                    throw StoreError.cannotOpen(path: root.path(leftover), reason: "cannot remove it: \(osReason(code))")
                }
                made.append(
                    StoreProblem(
                        .repaired, file: leftover, line: nil,
                        message: "removed what an interrupted compaction left behind (\(status.size) bytes;"
                            + " \(file.relativePath) itself was whole)"))
            }
        }
        return made
    }

    /// Writes a points file's summary and ARN hashes again when they are not what the file holds
    /// (none, out of date, or wrong), and says so. The caller holds the file exclusively.
    private func repairSummary(of file: StoreFile, through handle: borrowing OpenFile) throws(StoreError) -> StoreProblem? {
        let size = try handle.status().size
        let (computed, hashes) = try SummaryCoverage.compute(file, through: handle, size: size, in: root)
        let stored = try SummaryCoverage.read(file.summaryRelativePath, in: root)
        let summary = stored.flatMap(PointsFileSummary.decode)
        let arns = try SummaryCoverage.read(file.arnsRelativePath, in: root) ?? []
        guard summary != computed || Set(arns.chunks(of: 8)) != Set(Self.bytes(of: hashes).chunks(of: 8)) else { return nil }
        try rebuildSummary(of: file, through: handle, size: size)
        let was =
            stored == nil ? "there was none"
            : summary == nil ? "it could not be read"
            : summary?.bytes != computed.bytes || summary?.lastLine != computed.lastLine ? "it was of an earlier state of the file"
            : summary != computed ? "it did not say what the file holds" : "its ARN hashes were not the points'"
        return StoreProblem(
            .repaired, file: file.summaryRelativePath, line: nil,
            message: "wrote the summary of \(file.relativePath) again (\(was))")
    }

    /// Runs `body` on every file of the store, collecting what it says; `failed` says a file it
    /// could not look at.
    private func eachFile(
        _ body: (StoreFile) throws(StoreError) -> StoreProblem?, failed: (StoreFile, StoreError) -> StoreProblem
    ) -> [StoreProblem] {
        let files: [StoreFile]
        do {
            files = try StoreFile.all(in: root)
        } catch {
            return [StoreProblem(.tornLine, file: ".", line: nil, message: "could not list the store: \(error)")]
        }
        var problems: [StoreProblem] = []
        for file in files {
            do {
                // A file that does not exist has nothing to say (and is not created).
                guard try root.status(of: file.relativePath) != nil else { continue }
                if let problem = try body(file) { problems.append(problem) }
            } catch {
                problems.append(failed(file, error))
            }
        }
        return problems
    }
}
