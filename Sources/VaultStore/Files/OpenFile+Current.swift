extension OpenFile {
    /// Opens a store file and locks it, and makes sure the lock is held on the file that is at its
    /// path once it is granted. A compaction renames a new file into place while appenders wait on
    /// the old one's lock: they must append to the new file, not to one nobody will read again.
    /// Returns nil when reading a file that does not exist (or no longer does).
    static func openLocked(
        _ relativePath: String, in root: StoreDirectory, for access: Access, _ kind: LockKind
    ) throws(StoreError) -> OpenFile? {
        while true {
            guard let file = try open(relativePath, in: root, for: access) else { return nil }
            try file.lock(kind)
            let held = try file.status()
            let current = try root.status(of: relativePath)
            if let current, current.isSameFile(as: held) { return file }
            if current == nil && access == .read { return nil }
            // Replaced (or removed) while we waited for the lock: start over on what is there now.
        }
    }
}
