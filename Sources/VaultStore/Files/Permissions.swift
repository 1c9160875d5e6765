import Glibc

/// Who may touch the store: its directory 0700 and its files 0600, all the user's own. Reading
/// the store says what is wrong with the command that fixes it; only writing narrows.
enum Permissions {
    /// `0755`
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// What group and others may do, by the mode's bits: `read it`, `change it`, `read and change it`.
    static func exposure(_ mode: UInt32) -> String {
        let read = mode & 0o044 != 0
        let write = mode & 0o022 != 0
        switch (read, write) {
        case (true, true): return "read and change it"
        case (false, true): return "change it"
        case (true, false): return "read it"
        default: return "enter it"
        }
    }

    /// A path quoted for a shell command line.
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The problems with the store's ownership and modes, each naming the command that fixes it:
    /// the directory and the points folder, then one line for all files looser than 0600 and one
    /// for all files that belong to someone else.
    static func survey(_ root: StoreDirectory) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let user = geteuid()
        let fixMode = "chmod -R go-rwx \(quoted(root.path))"
        let fixOwner = "chown -R \(user) \(quoted(root.path))"
        var foreign: [String] = []
        var loose: [(name: String, mode: UInt32)] = []
        func check(_ status: FileStatus, _ name: String, what: String, isFolder: Bool) {
            if status.owner != user {
                if isFolder {
                    problems.append(
                        StoreProblem(
                            .permissions, file: name, line: nil,
                            message: "\(what) belongs to uid \(status.owner), not to you (uid \(user)): vaultwatch reads it"
                                + " but will not write to it; to make it yours: \(fixOwner)"))
                } else {
                    foreign.append(name)
                }
            }
            let mode = status.mode & 0o7777
            guard mode & 0o077 != 0 else { return }
            if isFolder {
                problems.append(
                    StoreProblem(
                        .permissions, file: name, line: nil,
                        message: "\(what) is \(octal(mode)): others can \(exposure(mode)); fix: \(fixMode)"))
            } else {
                loose.append((name, mode))
            }
        }
        var st = stat()
        if fstat(root.descriptor, &st) == 0 { check(FileStatus(st), ".", what: "the store directory", isFolder: true) }
        if let points = try? root.status(of: StoreFile.pointsFolder), !points.isSymbolicLink {
            check(points, StoreFile.pointsFolder, what: "the points folder", isFolder: true)
        }
        for file in (try? StoreFile.all(in: root)) ?? [] {
            guard let status = try? root.status(of: file.relativePath), status.isRegularFile else { continue }
            check(status, file.relativePath, what: file.relativePath, isFolder: false)
        }
        func some(_ names: [String]) -> String {
            names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        }
        if !foreign.isEmpty {
            problems.append(
                StoreProblem(
                    .permissions, file: foreign[0], line: nil,
                    message: (foreign.count == 1 ? "belongs" : "and \(foreign.count - 1) more files (\(some(Array(foreign.dropFirst())))) belong")
                        + " to another user: vaultwatch reads them but will not write to them; to make them yours: \(fixOwner)"))
        }
        if let first = loose.first {
            let message =
                loose.count == 1
                ? "is \(octal(first.mode)): others can \(exposure(first.mode)); fix: \(fixMode)"
                : "\(loose.count) files are looser than 0600 (\(some(loose.map(\.name)))): others can read or change them;"
                    + " fix: \(fixMode)"
            problems.append(StoreProblem(.permissions, file: first.name, line: nil, message: message))
        }
        return problems
    }
}
