import VaultCore

/// Reads the complete lines of a points file straight into point lists: recovery points through
/// `PointLineDecoder`, anything it does not take through `RecordDecoder`.
enum PointsReader {
    /// Like `LineReader.read`, but into a `PointsLoad`. Returns the bytes of complete lines and
    /// how many there were.
    static func read(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory, into load: inout PointsLoad
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        let decoder = RecordDecoder()
        var fast = PointLineDecoder(fileSize: bytes.count)
        var problems: [StoreProblem] = []
        defer {
            fast.flush(into: &load)
            load.problems += problems
        }
        return try LineReader.lines(of: bytes, firstLine: 1) { line, number throws(StoreError) in
            // The fast path takes the lines it fully understands; the rest get the reference decoder.
            if line.withUnsafeBytes({ fast.decode($0, into: &load) }) { return }
            fast.flush(into: &load)
            try LineReader.take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) {
                load.take($0)
            }
        }
    }
}
