import Glibc

/// An open store file, closed (and so unlocked) when it goes out of scope. Every call names the
/// file's path in the error it throws.
struct OpenFile: ~Copyable {
    let fd: Int32
    let path: String

    enum Access {
        /// Read only, for loading and tailing.
        case read
        /// Read and append, creating the file with mode 0600: for appending and repairs.
        case append
        /// Write only, created with mode 0600 or emptied: a compaction's new file, before it is
        /// renamed into place.
        case replace
        /// Write only, created with mode 0600, neither emptied nor appended to: written from its
        /// start over what it held (a points file's summary, which says when it is torn).
        case overwrite
    }

    /// Opens the store file at `relativePath` from the store's descriptor. Returns nil when reading
    /// a file (or a folder) that does not exist. No symbolic link is followed, neither the file nor
    /// its folder, and only regular files are accepted (a FIFO would block, a device is no log).
    /// Writing into the `points` folder creates it (and narrows it, said by the root's repairs).
    static func open(_ relativePath: String, in root: StoreDirectory, for access: Access) throws(StoreError) -> OpenFile? {
        let path = root.path(relativePath)
        let common = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        let flags: Int32
        switch access {
        case .read: flags = O_RDONLY | common
        case .append: flags = O_RDWR | O_APPEND | O_CREAT | common
        case .replace: flags = O_WRONLY | O_TRUNC | O_CREAT | common
        case .overwrite: flags = O_WRONLY | O_CREAT | common
        }
        if access != .read && root.access == .reading { throw .readOnly(path: root.path) }
        let fd = try root.withParent(of: relativePath) { folder, name throws(StoreError) -> Int32? in
            guard let folder else { return nil }
            var fd: Int32
            repeat { fd = openat(folder, name, flags, mode_t(0o600)) } while fd < 0 && errno == EINTR
            guard fd >= 0 else {
                let code = errno
                if code == ENOENT && access == .read { return nil }
                if code == ELOOP { throw .symbolicLink(path: path) }
                if code == EISDIR { throw .cannotOpen(path: path, reason: "it is a directory, not a regular file (move it aside)") }
                throw .cannotOpen(path: path, reason: osReason(code))
            }
            return fd
        }
        guard let fd else { return nil }
        let file = OpenFile(fd: fd, path: path)
        let status = try file.status()
        guard status.isRegularFile else {
            throw .cannotOpen(path: path, reason: "it is \(status.kind), not a regular file (move it aside)")
        }
        return file
    }

    deinit { _ = Glibc.close(fd) }

    enum LockKind { case shared, exclusive }

    /// Takes an advisory lock on the whole file, waiting for it a bounded time (`FileLock`). It
    /// lasts until the file is closed. flock locks belong to the open file, so two opens in one
    /// process exclude each other too.
    func lock(_ kind: LockKind) throws(StoreError) {
        try FileLock.acquire(fd, exclusive: kind == .exclusive, path: path)
    }

    func status() throws(StoreError) -> FileStatus {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .cannotRead(path: path, reason: osReason(errno)) }
        return FileStatus(st)
    }

    /// Before writing to the file: it must be the user's own, and no looser than 0600 (a looser
    /// one is narrowed, and the repair returned to be said). The owner's own bits are left alone.
    func claim(_ status: FileStatus, as relativePath: String) throws(StoreError) -> StoreProblem? {
        guard status.owner == geteuid() else { throw .notYours(path: path, owner: status.owner, user: geteuid()) }
        // Written through another name too, an append would change a file outside the store.
        guard status.links <= 1 else {
            let quoted = Permissions.quoted(path)
            throw .cannotOpen(
                path: path,
                reason: "it has \(status.links) hard links, so another path shares its bytes and would change with it;"
                    + " give the store its own copy: cp -p \(quoted) \(quoted).own && mv \(quoted).own \(quoted)")
        }
        let mode = status.mode & 0o7777
        guard mode & 0o077 != 0 else { return nil }
        guard fchmod(fd, 0o600) == 0 else {
            throw .cannotOpen(path: path, reason: "cannot narrow its permissions to 0600: \(osReason(errno))")
        }
        return StoreProblem(
            .repaired, file: relativePath, line: nil,
            message: "narrowed its permissions from \(Permissions.octal(mode)) to 0600 (others could \(Permissions.exposure(mode)))")
    }

    /// `carried`, then up to `count` bytes from `offset` (fewer only at the end of the file).
    func read(at offset: Int, count: Int, after carried: ArraySlice<UInt8> = []) throws(StoreError) -> [UInt8] {
        guard count > 0 else { return Array(carried) }
        var failure: Int32?
        // Not zeroed first: pread fills what it says it filled, and only that is kept.
        let bytes = [UInt8](unsafeUninitializedCapacity: carried.count + count) { buffer, initialized in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<carried.count]).initialize(from: carried)
            let (filled, failed) = read(at: offset, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[carried.count...])))
            (initialized, failure) = (carried.count + filled, failed)
        }
        if let failure { throw .cannotRead(path: path, reason: osReason(failure)) }
        return bytes
    }

    /// Up to `range.count` bytes from `offset` into `buffer[range]` (fewer only at the end of the
    /// file): how many were read.
    func read(at offset: Int, into buffer: inout [UInt8], _ range: Range<Int>) throws(StoreError) -> Int {
        let (filled, failure) = buffer.withUnsafeMutableBytes {
            read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[range]))
        }
        if let failure { throw .cannotRead(path: path, reason: osReason(failure)) }
        return filled
    }

    /// Fills `buffer` from `offset` up to the end of the file: how much was read, and the error
    /// number that stopped it early.
    private func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> (filled: Int, failure: Int32?) {
        var filled = 0
        while filled < buffer.count {
            let n = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + filled))
            if n < 0 {
                if errno == EINTR { continue }
                return (filled, errno)
            }
            if n == 0 { break }
            filled += n
        }
        return (filled, nil)
    }

    /// Everything from `offset` to the end of the file as it is now: read straight into the array
    /// returned (a large file in huge pages), then whatever was appended meanwhile.
    func readToEnd(from offset: Int) throws(StoreError) -> [UInt8] {
        let size = try status().size
        let wanted = max(size - offset, 64 * 1024)
        var failure: Int32?
        var result = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            HugePages.advise(raw)
            (initialized, failure) = read(at: offset, into: raw)
        }
        if let failure { throw .cannotRead(path: path, reason: osReason(failure)) }
        // Fewer bytes than asked for: the end of the file was reached.
        guard result.count == wanted else { return result }
        while true {
            let chunk = try read(at: offset + result.count, count: 64 * 1024)
            if chunk.isEmpty { return result }
            result += chunk
        }
    }

    /// Writes all of `bytes` (the file is in append mode, so they land at its end). Returns the
    /// error number of the first failure, after which some of the bytes may have been written.
    func writeAll(_ bytes: [UInt8], with calls: SystemCalls) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let (n, code) = calls.write(fd, UnsafeRawBufferPointer(rebasing: buffer[done...]))
                if n < 0 {
                    if code == EINTR { continue }
                    return code
                }
                if n == 0 { return EIO }
                done += n
            }
            return nil
        }
    }

    /// Flushes the file to the disk. Returns the error number on failure.
    func sync(with calls: SystemCalls) -> Int32? {
        let (result, code) = calls.fsync(fd)
        return result == 0 ? nil : code
    }

    /// Cuts the file back to `size` bytes. Returns the error number on failure.
    func truncate(to size: Int) -> Int32? {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }
}
