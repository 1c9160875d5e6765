import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The emulator store's files, opened as vaultwatch's own store opens its files: never through a
/// symbolic link (neither the folder nor the file: `O_NOFOLLOW`, and the folder checked with
/// `lstat`), only regular files, created 0600. A link in their place is refused with the path,
/// so the principals' keys are never written to, or read from, wherever a link points.
enum EmulatorFile {
    /// The folder must be a real directory, the user's own, not a link to one.
    static func checkFolder(_ folder: URL) throws {
        var st = stat()
        guard lstat(folder.path, &st) == 0 else {
            throw EmulatorStoreError("\(folder.path): \(reason(errno))")
        }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            throw EmulatorStoreError("\(folder.path) is a symbolic link: refused (the emulator's store must be a folder of its own)")
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw EmulatorStoreError("\(folder.path) is not a folder") }
        guard st.st_uid == geteuid() else {
            throw EmulatorStoreError("\(folder.path) belongs to user \(st.st_uid), not to you (\(geteuid())): refused")
        }
    }

    /// The whole file, or nil when there is none.
    static func read(_ file: URL) throws -> Data? {
        guard let fd = try open(file, O_RDONLY) else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return try handle.readToEnd() ?? Data()
    }

    /// Writes `data` as a new file (0600), flushed to disk. With `exclusive`, false when the file
    /// already exists (someone else made it first); otherwise an existing file is emptied first.
    @discardableResult
    static func write(_ data: Data, to file: URL, exclusive: Bool = false) throws -> Bool {
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let fd: Int32?
        do {
            fd = try open(file, flags)
        } catch is Exists {
            return false
        }
        guard let fd else { throw EmulatorStoreError("cannot write \(file.path)") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw EmulatorStoreError("cannot write \(file.path): \(error.localizedDescription)")
        }
        return true
    }

    /// The file opened for appending, created (0600) when missing.
    static func openForAppending(_ file: URL) throws -> FileHandle {
        guard let fd = try open(file, O_WRONLY | O_APPEND | O_CREAT) else {
            throw EmulatorStoreError("cannot open \(file.path)")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    private struct Exists: Error {}

    /// Opens without following a link; nil when reading a file that does not exist.
    private static func open(_ file: URL, _ flags: Int32) throws -> Int32? {
        try checkFolder(file.deletingLastPathComponent())
        var fd: Int32
        repeat { fd = Glibc.open(file.path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode_t(0o600)) } while fd < 0
            && errno == EINTR
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT && flags & O_CREAT == 0 { return nil }
            if code == EEXIST { throw Exists() }
            if code == ELOOP { throw EmulatorStoreError("\(file.path) is a symbolic link: refused") }
            throw EmulatorStoreError("cannot open \(file.path): \(reason(code))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw EmulatorStoreError("\(file.path) is not a regular file: refused")
        }
        // Nonblocking was only for opening (a FIFO in a file's place must not hang the open).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
