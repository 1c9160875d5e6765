import Glibc

/// The two system calls that make an append stick: `write` and `fsync`. The store goes through
/// this seam so a test can make them fail the way a full or broken disk does (ENOSPC, EIO),
/// which cannot be provoked for real on a test machine, least of all as root.
struct SystemCalls: Sendable {
    /// Like write(2): the number of bytes written, or -1 with the `errno`.
    var write: @Sendable (_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (count: Int, errno: Int32)
    /// Like fsync(2): 0, or -1 with the `errno`.
    var fsync: @Sendable (_ fd: Int32) -> (result: Int32, errno: Int32)

    static let live = SystemCalls(
        write: { fd, bytes in
            let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
            return (n, n < 0 ? errno : 0)
        },
        fsync: { fd in
            let r = Glibc.fsync(fd)
            return (r, r < 0 ? errno : 0)
        })
}

/// The operating system's words for an error number: "No space left on device".
func osReason(_ code: Int32) -> String {
    String(cString: strerror(code))
}
