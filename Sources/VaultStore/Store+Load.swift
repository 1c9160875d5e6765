import VaultCore

extension Store {
    /// Reads every file (vaults, points, jobs, events, alerts, acks, sync) and returns the records
    /// in file order.
    ///
    /// A malformed line is skipped and reported; everything else loads. A torn last line is set
    /// aside into `<name>.jsonl.torn` and reported when the store was opened for writing, and only
    /// reported when it was opened for reading. A line from a newer schema throws
    /// `StoreError.newerSchema`, and then nothing on disk has been changed: repairs happen only
    /// after every file has been read.
    public func load() throws -> StoreLoad {
        let decoder = RecordDecoder()
        var batches: [(file: StoreFile, batch: LineBatch)] = []
        for file in try StoreFile.all(in: root) {
            guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else { continue }
            // Shared: an append in progress is either wholly there or not at all.
            try handle.lock(.shared)
            // A chunk at a time, as `read` does: the records, not the file's bytes too, in memory.
            var records: [Record] = []
            var batch = try LineReader.read(chunksOf: handle, of: file, in: root, decoder: decoder) { records.append($0) }
            batch.records = records
            batches.append((file, batch))
        }

        // Every line is one this version can read: only now may the store be changed.
        var load = StoreLoad()
        for (file, batch) in batches {
            load.records += batch.records
            load.problems += batch.problems
            if batch.unterminated > 0 {
                load.problems.append(
                    root.access == .writing
                        ? setAsideTornLine(of: file, line: batch.lineCount + 1, seen: batch.unterminated)
                        : TornLine.notRead(file, line: batch.lineCount + 1, bytes: batch.unterminated))
            }
        }
        return load
    }

    /// Sets aside a torn last line seen by `load`, under the file's exclusive lock, and says what
    /// became of it. Another writer may have set it aside in the meantime; it is then in the side
    /// file all the same.
    private func setAsideTornLine(of file: StoreFile, line: Int, seen: Int) -> StoreProblem {
        let side = file.tornRelativePath
        do {
            let handle = try openExclusive(file)
            let size = try handle.status().size
            let setAside = try TornLine.setAside(
                from: handle, size: size, storeFile: file, in: root, at: clock.now(), calls: calls)
            sequences.forget(file)
            let count = setAside?.count ?? seen
            return StoreProblem(
                .tornLine, file: file.relativePath, line: line,
                message: "set aside \(count) bytes of a torn last line in \(side)")
        } catch {
            return StoreProblem(
                .tornLine, file: file.relativePath, line: line,
                message: "a torn last line of \(seen) bytes was not loaded and could not be set aside in \(side): \(error)")
        }
    }
}
