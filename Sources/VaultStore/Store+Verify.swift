import VaultCore

extension Store {
    /// Checks the hash chain of `alerts.jsonl` and `acks.jsonl` (see `ChainHash`) and names, for
    /// each, the first line that was altered, removed, inserted or reordered. Reads only, under a
    /// shared lock, so appends in progress are wholly there or not at all. Throws when a file
    /// cannot be read, or holds a line from a newer schema.
    public func verify() throws -> ChainReport {
        var files: [ChainFileReport] = []
        for file in StoreFile.chained {
            guard let handle = try OpenFile.openLocked(root.path(of: file), for: .read, .shared) else {
                files.append(ChainFileReport(file: file.relativePath, lines: 0))
                continue
            }
            files.append(try ChainVerifier.verify(try handle.readToEnd(from: 0), of: file, in: root))
        }
        return ChainReport(files: files)
    }
}
