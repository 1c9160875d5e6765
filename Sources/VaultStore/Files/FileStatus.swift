import Glibc

/// What `fstat` says about a store file: which file it is (device and inode, so a replaced
/// file is told from a grown one), how long it is, and whose it is.
struct FileStatus: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var mode: UInt32
    var owner: UInt32
    var isRegularFile: Bool
    var isSymbolicLink: Bool

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        mode = UInt32(st.st_mode)
        owner = UInt32(st.st_uid)
        isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
        isSymbolicLink = (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether this is the same file as `other` (not necessarily the same length).
    func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }
}
