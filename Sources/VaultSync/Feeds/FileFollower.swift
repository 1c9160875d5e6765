import Foundation
import Glibc

/// Follows a growing file of lines, as `tail -F` does: reads what was appended since the last
/// read, hands over complete lines with their numbers, keeps an unfinished last line until its
/// newline arrives, and notices when the file is replaced (rotation: a new inode at the path,
/// after what was left of the old one is read) or cut (truncation: the same file, shorter).
final class FileFollower {
    struct Line: Equatable {
        /// 1-based, counted from the start of the file it is in.
        var number: Int
        var bytes: [UInt8]
    }

    /// What happened to the file besides lines.
    enum Change: Equatable {
        case opened
        case missing
        /// A new file took the path; `tornLine` is an unfinished last line of the old one, if any.
        case rotated(tornLine: Line?)
        case truncated
        /// A line longer than the limit, skipped up to its newline.
        case overlong(lineNumber: Int)
    }

    static let lineLimit = 16 * 1024 * 1024

    let path: String
    private var fd: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64)?
    private var offset = 0
    private var lineNumber = 0
    private var partial: [UInt8] = []
    private var skippingOverlong = false
    /// The file's first bytes and the last bytes read, ending at `offset` (up to `fingerprintLength` each).
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    static let fingerprintLength = 4096
    private var reportedMissing = false

    init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    /// Everything that arrived since the last read.
    func read() throws -> (lines: [Line], changes: [Change]) {
        var lines: [Line] = []
        var changes: [Change] = []
        if fd < 0 {
            guard try open(&changes) else { return ([], changes) }
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw FileFollowerError(path: path, reason: String(cString: strerror(errno))) }
        if Int(status.st_size) < offset || !stillHoldsWhatWasRead() {
            reset()
            changes.append(.truncated)
        }
        try drain(into: &lines, changes: &changes)
        var current = stat()
        if stat(path, &current) == 0, let identity,
            UInt64(current.st_dev) != identity.device || UInt64(current.st_ino) != identity.inode
        {
            // Rotated: what the old file still held was read above. Its unfinished last line
            // will get no newline now.
            let torn = partial.isEmpty || skippingOverlong ? nil : Line(number: lineNumber + 1, bytes: partial)
            close(fd)
            fd = -1
            self.identity = nil
            reset()
            changes.append(.rotated(tornLine: torn))
            if try open(&changes) { try drain(into: &lines, changes: &changes) }
        }
        return (lines, changes)
    }

    private func reset() {
        offset = 0
        lineNumber = 0
        partial = []
        head = []
        tail = []
        skippingOverlong = false
    }

    private func open(_ changes: inout [Change]) throws -> Bool {
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else {
            let code = errno
            if code == ENOENT {
                if !reportedMissing { changes.append(.missing) }
                reportedMissing = true
                return false
            }
            throw FileFollowerError(path: path, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(opened)
            throw FileFollowerError(path: path, reason: "not a regular file")
        }
        fd = opened
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
        reportedMissing = false
        changes.append(.opened)
        return true
    }

    /// Reads from `offset` to the end of the open file, splitting complete lines off.
    private func drain(into lines: inout [Line], changes: inout [Change]) throws {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileFollowerError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            offset += n
            remember(buffer[0..<n])
            var start = 0
            for i in 0..<n where buffer[i] == UInt8(ascii: "\n") {
                lineNumber += 1
                if !skippingOverlong, partial.count + (i - start) > Self.lineLimit {
                    changes.append(.overlong(lineNumber: lineNumber))
                } else if !skippingOverlong {
                    partial += buffer[start..<i]
                    lines.append(Line(number: lineNumber, bytes: partial))
                }
                skippingOverlong = false
                partial = []
                start = i + 1
            }
            guard !skippingOverlong else { continue }
            partial += buffer[start..<n]
            if partial.count > Self.lineLimit {
                changes.append(.overlong(lineNumber: lineNumber + 1))
                partial = []
                skippingOverlong = true
            }
        }
    }

    /// Keeps the first and the last bytes read, to tell a file cut and written again past where it
    /// was read from.
    private func remember(_ bytes: ArraySlice<UInt8>) {
        if head.count < Self.fingerprintLength { head += bytes.prefix(Self.fingerprintLength - head.count) }
        tail = Array((bytes.count >= Self.fingerprintLength ? bytes : tail[...] + bytes).suffix(Self.fingerprintLength))
    }

    /// Whether the file still starts with what was read there, and still holds what was read just
    /// before `offset`: a file truncated and written again beyond that point (copytruncate, then a
    /// burst of lines) is not shorter, but differs there (events differ in their ids).
    private func stillHoldsWhatWasRead() -> Bool {
        func holds(_ expected: [UInt8], at position: Int) -> Bool {
            guard !expected.isEmpty else { return true }
            var bytes = [UInt8](repeating: 0, count: expected.count)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
            return n == expected.count && bytes == expected
        }
        return holds(head, at: 0) && holds(tail, at: offset - tail.count)
    }
}

struct FileFollowerError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot read \(path): \(reason)" }
}
