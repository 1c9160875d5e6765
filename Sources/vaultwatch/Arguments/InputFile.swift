import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file named on the command line (a pattern, an event, a policy, a digest, a public key), opened
/// so that what is not a file is said as what it is: a directory, a device (`/dev/zero` would never
/// end), a socket; `/dev/null` reads as empty. A named pipe is read (`--pattern <(aws events describe-rule …)` is one), but is
/// opened without waiting for a writer, so a pipe nobody writes to reads as empty instead of
/// hanging. A file read whole that is empty says so.
enum InputFile {
    /// Read whole, a file larger than this is refused: vaultwatch reads no document that large.
    static let wholeLimit = 16 << 20

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// The file open for reading, from its start.
    static func open(_ path: String) throws(Unreadable) -> FileHandle {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Unreadable(description: "\(path): cannot be read (\(reason(errno)))") }
        let kind = notAFile(st.st_mode)
        if let kind, (st.st_mode & S_IFMT) != S_IFCHR { throw Unreadable(description: "\(path) is \(kind), not a file") }
        var fd: Int32
        repeat { fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw Unreadable(description: "\(path): cannot be read (\(reason(errno)))") }
        if let kind {
            // A device: /dev/null is read as the empty file it stands for; any other (/dev/zero,
            // a terminal) is refused, tried without waiting.
            var byte: UInt8 = 0
            let count = Glibc.read(fd, &byte, 1)
            close(fd)
            throw Unreadable(description: count == 0 ? "\(path) is empty" : "\(path) is \(kind), not a file")
        }
        // Nonblocking was only for opening; reading waits for a pipe's writer as it should.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// The whole file; refused when it is empty or larger than `wholeLimit`.
    static func read(_ path: String) throws(Unreadable) -> Data {
        let handle = try open(path)
        var data = Data()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > wholeLimit {
                    throw Unreadable(description: "\(path) is larger than \(wholeLimit >> 20) MB: not read")
                }
            }
        } catch let error as Unreadable {
            throw error
        } catch {
            throw Unreadable(description: "\(path): cannot be read (\((error as NSError).localizedDescription))")
        }
        guard !data.isEmpty else {
            var st = stat()
            let isPipe = fstat(handle.fileDescriptor, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
            throw Unreadable(description: isPipe ? "\(path) is a named pipe nothing was written to" : "\(path) is empty")
        }
        return data
    }

    /// What a mode names when it is not a file or a pipe: "a directory".
    private static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFIFO: return nil
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
