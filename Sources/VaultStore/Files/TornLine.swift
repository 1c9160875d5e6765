import Foundation
import VaultCore

/// A last line without its newline: a writer stopped mid-line (a crash, a full disk). It is never
/// dropped silently: it is moved, byte for byte, to a side file `<name>.jsonl.torn` after a header
/// saying when and from where, and only then cut off the store file, so appends start on a clean
/// line again.
enum TornLine {
    struct SetAside {
        var offset: Int
        var count: Int

        /// How a writing command says it: `acks.jsonl: set aside 37 bytes of a torn last line in acks.jsonl.torn`.
        func problem(of file: StoreFile) -> StoreProblem {
            StoreProblem(
                .repaired, file: file.relativePath, line: nil,
                message: "set aside \(count) bytes of a torn last line in \(file.tornRelativePath)")
        }
    }

    /// How a reader says a torn last line it left alone: it was not read, and a writing command
    /// (or `vaultwatch store repair`) sets it aside.
    static func notRead(_ file: StoreFile, line: Int?, bytes: Int) -> StoreProblem {
        StoreProblem(
            .tornLine, file: file.relativePath, line: line,
            message: "a torn last line of \(bytes) bytes was not read (a writer stopped mid-line);"
                + " `vaultwatch store repair` sets it aside in \(file.tornRelativePath)")
    }

    /// Whether a file of `size` bytes ends in the middle of a line.
    static func isTorn(_ file: borrowing OpenFile, size: Int) throws(StoreError) -> Bool {
        size > 0 ? try file.read(at: size - 1, count: 1) != [UInt8(ascii: "\n")] : false
    }

    /// The offset of the last newline before `end`, if any.
    static func lastNewline(in file: borrowing OpenFile, before end: Int) throws(StoreError) -> Int? {
        var chunkEnd = end
        while chunkEnd > 0 {
            let chunkStart = max(0, chunkEnd - 4096)
            let chunk = try file.read(at: chunkStart, count: chunkEnd - chunkStart)
            if let index = chunk.lastIndex(of: UInt8(ascii: "\n")) { return chunkStart + index }
            chunkEnd = chunkStart
        }
        return nil
    }

    /// Moves the torn last line of `file` (which the caller holds exclusively locked) to its side
    /// file. Returns nil when the file ends in a newline after all.
    static func setAside(
        from file: borrowing OpenFile, size: Int, storeFile: StoreFile, in root: StoreDirectory, at now: Date,
        calls: SystemCalls
    ) throws(StoreError) -> SetAside? {
        guard try isTorn(file, size: size) else { return nil }
        let offset = try lastNewline(in: file, before: size).map { $0 + 1 } ?? 0
        let fragment = try file.read(at: offset, count: size - offset)
        let sidePath = root.path(storeFile.tornRelativePath)
        let header = "# \((try? StoreDate.text(now)) ?? "?") set aside \(fragment.count) bytes of a torn last line"
            + " of \(storeFile.relativePath) from byte offset \(offset); they follow on the next line\n"

        guard let side = try OpenFile.open(storeFile.tornRelativePath, in: root, for: .append) else { return nil }
        try side.lock(.exclusive)
        let sideStatus = try side.status()
        _ = try side.claim(sideStatus, as: storeFile.tornRelativePath)
        var entry = Array(header.utf8)
        entry += fragment
        entry.append(UInt8(ascii: "\n"))
        // The copy must be on disk before the original is cut off.
        if let code = side.writeAll(entry, with: calls) ?? side.sync(with: calls) {
            // Nothing of it is kept; a side file this attempt made is not left behind empty. (Only
            // one process sets aside at a time: the caller holds the store file's exclusive lock.)
            if sideStatus.size == 0 {
                root.remove(storeFile.tornRelativePath)
            } else {
                _ = side.truncate(to: sideStatus.size)
            }
            throw .cannotSetAside(path: file.path, reason: "cannot write \(sidePath): \(osReason(code))")
        }
        if let code = file.truncate(to: offset) {
            throw .cannotSetAside(path: file.path, reason: "cannot cut it off after copying it to \(sidePath): \(osReason(code))")
        }
        return SetAside(offset: offset, count: fragment.count)
    }
}
