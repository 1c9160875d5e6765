import Glibc

/// The turn a writer that signs digests takes on a store: an exclusive `flock` of the store's
/// directory, through a descriptor of its own, held from "does the store still hold what its
/// newest digest vouches for?" through the append to the digest that covers it. Without it, a
/// second writer could look between another's first lines and the digest signed for them, find
/// lines no digest vouches for, and refuse as if the digests had been taken away.
///
/// Each turn opens the directory anew, so turns exclude one another within a process too (flock
/// locks belong to an open file description). A turn is never taken inside another.
enum WritersTurn {
    static func taking<T>(in root: StoreDirectory, _ body: () throws -> T) throws -> T {
        let fd = openat(root.descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotLock(path: root.path, reason: osReason(errno)) }
        defer { close(fd) }  // Closing it ends the turn.
        try FileLock.acquire(fd, exclusive: true, path: root.path)
        return try body()
    }
}
