import Glibc

/// What `fstat` says about a store file: which file it is (device and inode, so a replaced
/// file is told from a grown one) and how long it is.
struct FileStatus: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var mode: UInt32
    var isRegularFile: Bool

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        mode = UInt32(st.st_mode)
        isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether this is the same file as `other` (not necessarily the same length).
    func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }

    /// The status of the file at `path`, or nil when there is none.
    static func at(path: String) throws(StoreError) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw .cannotRead(path: path, reason: osReason(code))
        }
        return FileStatus(st)
    }
}
