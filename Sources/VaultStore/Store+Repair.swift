import VaultCore

extension Store {
    /// Sets aside the torn last line of every file (a writer that died mid-line) and reports
    /// each. For a reader that follows the store with a `StoreTail`, which leaves an unfinished
    /// line alone: call this once after the tail's first poll, so a newer schema has already
    /// stopped the program before anything on disk changes.
    public func setAsideTornLines() -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let files: [StoreFile]
        do {
            files = try StoreFile.all(in: root)
        } catch {
            return [StoreProblem(.tornLine, file: ".", line: nil, message: "could not list the store: \(error)")]
        }
        for file in files {
            do {
                guard let handle = try OpenFile.open(root.path(of: file), for: .append) else { continue }
                // Exclusive: no writer is mid-line while we hold it, so an unfinished line is torn.
                try handle.lock(.exclusive)
                let size = try handle.status().size
                guard try TornLine.isTorn(handle, size: size) else { continue }
                let setAside = try TornLine.setAside(
                    from: handle, size: size, storeFile: file, in: root, at: clock.now(), calls: calls)
                sequences.forget(file)
                if let setAside {
                    problems.append(
                        StoreProblem(
                            .tornLine, file: file.relativePath, line: nil,
                            message: "set aside \(setAside.count) bytes of a torn last line in \(file.tornRelativePath)"))
                }
            } catch {
                problems.append(
                    StoreProblem(
                        .tornLine, file: file.relativePath, line: nil,
                        message: "a torn last line could not be set aside: \(error)"))
            }
        }
        return problems
    }
}
