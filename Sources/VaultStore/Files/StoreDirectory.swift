import Foundation
import Glibc

/// The store's directory on disk: created with its parents (mode 0700) when missing, narrowed to
/// 0700 when looser, and the place every store path is resolved against.
struct StoreDirectory: Sendable {
    /// Absolute file-system path, without a trailing slash.
    let path: String

    init(_ url: URL) {
        var path = url.standardizedFileURL.withUnsafeFileSystemRepresentation { String(cString: $0!) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    func path(of file: StoreFile) -> String { path + "/" + file.relativePath }
    func path(_ relativePath: String) -> String { path + "/" + relativePath }

    /// Makes sure the directory and its `points` folder exist, are directories, and are 0700.
    func prepare() throws(StoreError) {
        try Self.makeDirectory(path, for: path)
        try Self.checkDirectory(path)
        try ensureFolder(StoreFile.pointsFolder)
    }

    /// Makes sure a folder inside the store exists with mode 0700 (the points folder, which
    /// someone may have removed since the store was opened).
    func ensureFolder(_ name: String) throws(StoreError) {
        let folder = path(name)
        try Self.makeDirectory(folder, for: folder)
        try Self.checkDirectory(folder)
    }

    /// The names in a folder of the store; none when the folder does not exist.
    func list(_ folder: String) throws(StoreError) -> [String] {
        let folderPath = path(folder)
        guard let dir = opendir(folderPath) else {
            let code = errno
            if code == ENOENT { return [] }
            throw .cannotRead(path: folderPath, reason: osReason(code))
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

    /// Flushes a folder of the store (`""` for the store itself) to disk, so a rename in it
    /// survives a power cut. Returns the error number on failure.
    func sync(folder: String) -> Int32? {
        let folderPath = folder.isEmpty ? path : path(folder)
        let fd = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        return fsync(fd) == 0 ? nil : errno
    }

    /// mkdir -p with mode 0700 for every directory it creates. Existing parents are left alone.
    private static func makeDirectory(_ path: String, for storePath: String) throws(StoreError) {
        if mkdir(path, 0o700) == 0 { return }
        var code = errno
        if code == EEXIST { return }
        if code == ENOENT {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty && parent != path {
                try makeDirectory(parent, for: storePath)
                if mkdir(path, 0o700) == 0 { return }
                code = errno
                if code == EEXIST { return }
            }
        }
        let reason = path == storePath ? osReason(code) : "\(path): \(osReason(code))"
        throw .cannotCreateDirectory(path: storePath, reason: reason)
    }

    private static func checkDirectory(_ path: String) throws(StoreError) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw .cannotCreateDirectory(path: path, reason: osReason(errno))
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notADirectory(path: path) }
        guard st.st_mode & 0o077 != 0 else { return }
        guard chmod(path, 0o700) == 0 else {
            throw .cannotCreateDirectory(path: path, reason: "cannot narrow its permissions to 0700: \(osReason(errno))")
        }
    }
}
