/// What `Store.compact()` did to each snapshot file.
public struct CompactionReport: Sendable, Equatable {
    public var files: [FileCompaction]

    public init(files: [FileCompaction]) { self.files = files }

    public var linesBefore: Int { files.reduce(0) { $0 + $1.linesBefore } }
    public var linesAfter: Int { files.reduce(0) { $0 + $1.linesAfter } }
    public var bytesBefore: Int { files.reduce(0) { $0 + $1.bytesBefore } }
    public var bytesAfter: Int { files.reduce(0) { $0 + $1.bytesAfter } }
}

/// One file before and after. A file with nothing superseded is left as it was (same inode).
public struct FileCompaction: Sendable, Equatable {
    /// Relative to the store directory: `vaults.jsonl`, `points/prod.jsonl`.
    public var file: String
    public var linesBefore: Int
    public var bytesBefore: Int
    public var linesAfter: Int
    public var bytesAfter: Int

    public init(file: String, linesBefore: Int, bytesBefore: Int, linesAfter: Int, bytesAfter: Int) {
        self.file = file
        self.linesBefore = linesBefore
        self.bytesBefore = bytesBefore
        self.linesAfter = linesAfter
        self.bytesAfter = bytesAfter
    }

    public var wasRewritten: Bool { linesAfter < linesBefore }
}

/// The steps of replacing a file, in order; a test hook runs after each, to show a crash at any
/// of them loses nothing.
enum CompactionStep: Sendable, CaseIterable {
    /// The new file's lines are written to `<file>.compacting`.
    case tempWritten
    /// … and flushed to disk.
    case tempSynced
    /// … and renamed over the file.
    case renamed
    /// … and the rename flushed to disk with the folder.
    case folderSynced
}
