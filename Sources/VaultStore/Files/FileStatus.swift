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
    /// Names the file has (hard links): more than one means another path shares its bytes.
    var links: Int

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        mode = UInt32(st.st_mode)
        owner = UInt32(st.st_uid)
        isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
        isSymbolicLink = (st.st_mode & S_IFMT) == S_IFLNK
        links = Int(st.st_nlink)
    }

    /// What it is, when it is not a regular file: "a FIFO", "a directory", ….
    var kind: String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): return "a regular file"
        case UInt32(S_IFDIR): return "a directory"
        case UInt32(S_IFIFO): return "a FIFO"
        case UInt32(S_IFSOCK): return "a socket"
        case UInt32(S_IFCHR): return "a character device"
        case UInt32(S_IFBLK): return "a block device"
        case UInt32(S_IFLNK): return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Whether this is the same file as `other` (not necessarily the same length).
    func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }
}
