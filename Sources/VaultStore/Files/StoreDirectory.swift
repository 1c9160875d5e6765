import Foundation
import Glibc
import Synchronization

/// Whether a store was opened to be written or only read. A store opened for reading changes
/// nothing on disk: no directory is created, no permission narrowed, no torn line set aside.
public enum StoreAccess: Sendable {
    case reading
    case writing
}

/// The store's directory, held open: every folder and file in it is reached from this descriptor
/// with `openat` and never through a symbolic link (`O_NOFOLLOW` at every step), so a link planted
/// in place of the store, its `points` folder or a file is refused with a message, never followed.
///
/// Opened for writing, the directory is created with its parents (0700) when missing and narrowed
/// to 0700 when looser, and that narrowing is said (`repairs`). Opened for reading, nothing is
/// created or changed.
final class StoreDirectory: Sendable {
    /// Absolute file-system path, without a trailing slash: for messages only.
    let path: String
    let access: StoreAccess
    /// The directory itself; every path of the store is resolved from it.
    let descriptor: Int32
    /// What writing through it changed and has not been said yet (a looser mode narrowed).
    private let repairs = Mutex<[StoreProblem]>([])
    /// Whether opening it for writing made it: a new, empty store.
    let created: Bool

    init(_ url: URL, for access: StoreAccess) throws(StoreError) {
        var path = url.standardizedFileURL.withUnsafeFileSystemRepresentation { String(cString: $0!) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
        self.access = access
        created = access == .writing ? try Self.makeDirectory(path, for: path) : false
        let fd = try Self.openFolder(in: AT_FDCWD, path, shownAs: path, missing: .noStore)!
        var repairs: [StoreProblem] = []
        if access == .writing {
            do throws(StoreError) {
                try Self.claim(fd, shownAs: path, what: "the store directory", file: ".", repairs: &repairs)
            } catch {
                close(fd)
                throw error
            }
        }
        self.descriptor = fd
        self.repairs.withLock { $0 = repairs }
    }

    /// The repairs made since the last call, to be said.
    func takeRepairs() -> [StoreProblem] {
        repairs.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }

    deinit { close(descriptor) }

    func path(of file: StoreFile) -> String { path + "/" + file.relativePath }
    func path(_ relativePath: String) -> String { path + "/" + relativePath }

    // MARK: - Folders

    /// A folder of the store (`points`) opened without following a link, closed when `body` ends.
    /// Writing, it is created (0700) when missing and narrowed to 0700 when looser, and such a
    /// repair is kept to be said (`takeRepairs()`). Reading, `body` gets nil when it does not exist.
    func withFolder<T>(_ name: String, _ body: (Int32?) throws(StoreError) -> T) throws(StoreError) -> T {
        guard !name.isEmpty else { return try body(descriptor) }
        let shown = path(name)
        if access == .writing {
            if mkdirat(descriptor, name, 0o700) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(path: shown, reason: osReason(errno))
            }
        }
        guard let fd = try Self.openFolder(in: descriptor, name, shownAs: shown, missing: .absent) else {
            return try body(nil)
        }
        defer { close(fd) }
        if access == .writing {
            var made: [StoreProblem] = []
            try Self.claim(fd, shownAs: shown, what: "the store's \(name) folder", file: name, repairs: &made)
            repairs.withLock { $0 += made }
        }
        return try body(fd)
    }

    /// The folder holding `relativePath` and the file's name in it.
    func withParent<T>(of relativePath: String, _ body: (Int32?, String) throws(StoreError) -> T) throws(StoreError) -> T {
        guard let slash = relativePath.lastIndex(of: "/") else { return try body(descriptor, relativePath) }
        let folder = String(relativePath[..<slash])
        let name = String(relativePath[relativePath.index(after: slash)...])
        return try withFolder(folder) { fd throws(StoreError) in try body(fd, name) }
    }

    /// The names in a folder of the store; none when the folder does not exist.
    func list(_ folder: String) throws(StoreError) -> [String] {
        try withFolder(folder) { fd throws(StoreError) -> [String] in
            guard let fd else { return [] }
            // fdopendir takes the descriptor it is given and reads from its offset: hand it one of
            // its own (a dup would share the offset with the folder's descriptor).
            let copy = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard copy >= 0, let dir = fdopendir(copy) else {
                let code = errno
                throw .cannotRead(path: path(folder), reason: osReason(code))
            }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }
    }

    /// What `lstat` says of a file of the store (a link is described, not followed), or nil
    /// when there is none.
    func status(of relativePath: String) throws(StoreError) -> FileStatus? {
        try withParent(of: relativePath) { fd, name throws(StoreError) -> FileStatus? in
            guard let fd else { return nil }
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                let code = errno
                if code == ENOENT { return nil }
                throw .cannotRead(path: path(relativePath), reason: osReason(code))
            }
            return FileStatus(st)
        }
    }

    /// Flushes a folder of the store (`""` for the store itself) to disk, so a rename in it
    /// survives a power cut. Returns the error number on failure.
    func sync(folder: String) -> Int32? {
        do {
            return try withFolder(folder) { fd throws(StoreError) -> Int32? in
                guard let fd else { return ENOENT }
                return fsync(fd) == 0 ? nil : errno
            }
        } catch {
            return EIO
        }
    }

    /// Renames a file of the store over another in the same folder.
    func rename(_ from: String, to: String, inFolder folder: String) throws(StoreError) -> Int32? {
        try withFolder(folder) { fd throws(StoreError) -> Int32? in
            guard let fd else { return ENOENT }
            return renameat(fd, from, fd, to) == 0 ? nil : errno
        }
    }

    /// Removes a file of the store; a file already gone is not an error.
    @discardableResult
    func remove(_ relativePath: String) -> Int32? {
        try? withParent(of: relativePath) { fd, name throws(StoreError) -> Int32? in
            guard let fd else { return nil }
            return unlinkat(fd, name, 0) == 0 || errno == ENOENT ? nil : errno
        }
    }

    // MARK: - Opening and claiming

    enum Missing { case noStore, absent }

    /// Opens the folder `name` in `parent` without following a link. Nil when it does not exist
    /// and `missing` is `.absent`.
    static func openFolder(in parent: Int32, _ name: String, shownAs shown: String, missing: Missing) throws(StoreError) -> Int32? {
        var fd: Int32
        repeat { fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd >= 0 { return fd }
        let code = errno
        var st = stat()
        if fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 {
            if (st.st_mode & S_IFMT) == S_IFLNK { throw .symbolicLink(path: shown) }
            if (st.st_mode & S_IFMT) != S_IFDIR {
                throw .notADirectory(path: shown, what: parent == AT_FDCWD ? "the store directory" : "the store's \(name) folder")
            }
        }
        if code == ENOENT {
            if missing == .absent { return nil }
            throw .noStore(path: shown)
        }
        throw .cannotOpen(path: shown, reason: osReason(code))
    }

    /// Before writing into a folder: it must be the user's own, and no looser than 0700 (a looser
    /// one is narrowed, and that is said).
    private static func claim(
        _ fd: Int32, shownAs shown: String, what: String, file: String, repairs: inout [StoreProblem]
    ) throws(StoreError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .cannotOpen(path: shown, reason: osReason(errno)) }
        let owner = UInt32(st.st_uid)
        guard owner == geteuid() else {
            throw .notYours(path: shown, owner: owner, user: geteuid())
        }
        let mode = UInt32(st.st_mode) & 0o7777
        guard mode & 0o077 != 0 else { return }
        guard fchmod(fd, 0o700) == 0 else {
            throw .cannotCreateDirectory(path: shown, reason: "cannot narrow its permissions to 0700: \(osReason(errno))")
        }
        repairs.append(
            StoreProblem(
                .repaired, file: file, line: nil,
                message: "narrowed \(what)'s permissions from \(Permissions.octal(mode)) to 0700 (others could \(Permissions.exposure(mode)))"))
    }

    /// mkdir -p with mode 0700 for every directory it creates. Existing parents are left alone.
    /// Whether it made `path` itself.
    @discardableResult
    private static func makeDirectory(_ path: String, for storePath: String) throws(StoreError) -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        var code = errno
        if code == EEXIST { return false }
        if code == ENOENT {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty && parent != path {
                try makeDirectory(parent, for: storePath)
                if mkdir(path, 0o700) == 0 { return true }
                code = errno
                if code == EEXIST { return false }
            }
        }
        let reason = path == storePath ? osReason(code) : "\(path): \(osReason(code))"
        throw .cannotCreateDirectory(path: storePath, reason: reason)
    }
}
