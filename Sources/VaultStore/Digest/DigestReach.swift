/// How far one chained file reaches now, read under its shared lock for a digest: from the
/// newest digest's word for it when that still holds (only what came since is read), else from
/// the start. A file that no longer matches what a digest vouched for is not signed over.
enum DigestReach {
    static func of(_ file: StoreFile, in root: StoreDirectory, since base: Digest.Entry?, seq: Int?) throws(StoreError) -> Digest.Entry {
        let path = root.path(of: file)
        guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else {
            if let base, base.lines > 0 { throw refusal(path, seq, "it is gone, but digest \(seq ?? 0) vouches for \(base.lines) lines of it") }
            return Digest.Entry(file: file.relativePath, lines: 0, bytes: 0, head: ChainHash.genesis(of: file))
        }
        try handle.lock(.shared)
        let size = try handle.status().size
        // Whole lines only: an unfinished last line (a writer that died mid-line) is not covered.
        let end = try TornLine.isTorn(handle, size: size)
            ? (try TornLine.lastNewline(in: handle, before: size).map { $0 + 1 } ?? 0) : size
        var lines = 0
        var from = 0
        if let base {
            guard base.bytes <= end else {
                throw refusal(path, seq, "it holds \(end) bytes of whole lines, fewer than the \(base.bytes) digest \(seq ?? 0) vouches for")
            }
            if base.lines > 0 {
                guard try lastLineHash(handle, endingAt: base.bytes) == base.head else {
                    throw refusal(path, seq, "its line \(base.lines) is not the one digest \(seq ?? 0) vouches for")
                }
            }
            lines = base.lines
            from = base.bytes
        }
        var offset = from
        while offset < end {
            let chunk = try handle.read(at: offset, count: min(1 << 20, end - offset))
            if chunk.isEmpty { break }
            lines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            offset += chunk.count
        }
        let head = end == 0 ? ChainHash.genesis(of: file) : try lastLineHash(handle, endingAt: end)
        return Digest.Entry(file: file.relativePath, lines: lines, bytes: end, head: head)
    }

    /// The hash of the line whose newline is the byte before `end`.
    private static func lastLineHash(_ handle: borrowing OpenFile, endingAt end: Int) throws(StoreError) -> String {
        let newline = end - 1
        guard try handle.read(at: newline, count: 1) == [UInt8(ascii: "\n")] else { return "" }
        let start = try TornLine.lastNewline(in: handle, before: newline).map { $0 + 1 } ?? 0
        return ChainHash.of(try handle.read(at: start, count: newline - start)[...])
    }

    private static func refusal(_ path: String, _ seq: Int?, _ reason: String) -> StoreError {
        .digestRefused(path: path, reason: reason)
    }
}
