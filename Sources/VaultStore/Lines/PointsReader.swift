import Glibc
import VaultCore

/// Reads the complete lines of a points file straight into point lists: recovery points through
/// `PointLineDecoder`, anything it does not take through `RecordDecoder`.
struct PointsReader {
    private let file: StoreFile
    private let root: StoreDirectory
    private let decoder = RecordDecoder()
    private var fast: PointLineDecoder
    private var problems: [StoreProblem] = []
    /// Complete lines read so far.
    private(set) var lineCount = 0

    /// How much of a file is read at a time: small enough to stay in the core's cache while its
    /// lines are decoded, and reused, so a load leaves no file-sized buffers behind in the heap.
    static let chunkSize = 1 << 20

    private init(file: StoreFile, root: StoreDirectory, fileSize: Int) {
        self.file = file
        self.root = root
        fast = PointLineDecoder(fileSize: fileSize)
    }

    /// Like `LineReader.read`, but into a `PointsLoad`. Returns the bytes of complete lines and
    /// how many there were.
    static func read(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory, into load: inout PointsLoad
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        var reader = PointsReader(file: file, root: root, fileSize: bytes.count)
        defer { reader.finish(into: &load) }
        let consumed = try reader.lines(of: bytes, 0..<bytes.count, into: &load)
        return (consumed, reader.lineCount)
    }

    /// The same, reading the first `size` bytes of `handle` a chunk at a time.
    static func read(
        _ handle: borrowing OpenFile, size: Int, of file: StoreFile, in root: StoreDirectory, into load: inout PointsLoad
    ) throws(StoreError) -> (consumed: Int, count: Int) {
        var reader = PointsReader(file: file, root: root, fileSize: size)
        defer { reader.finish(into: &load) }
        // Not zeroed: only what `read` filled is ever looked at.
        var buffer = [UInt8](unsafeUninitializedCapacity: min(chunkSize, max(size, 1))) { $1 = $0.count }
        // `buffer` starts at `offset` in the file and holds `kept` bytes of a line not yet ended.
        var offset = 0
        var kept = 0
        while offset + kept < size {
            // A line longer than the buffer: make room for more of it.
            if kept == buffer.count {
                buffer += [UInt8](unsafeUninitializedCapacity: buffer.count) { $1 = $0.count }
            }
            let want = min(buffer.count - kept, size - offset - kept)
            let n = try handle.read(at: offset + kept, into: &buffer, kept..<(kept + want))
            if n == 0 { break }
            let filled = kept + n
            let used = try reader.lines(of: buffer, 0..<filled, into: &load)
            kept = filled - used
            if kept > 0 && used > 0 {
                buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + used, kept) }
            }
            offset += used
        }
        return (offset, reader.lineCount)
    }

    /// Decodes the complete lines of `bytes[range]`; returns where the last of them ends.
    private mutating func lines(of bytes: [UInt8], _ range: Range<Int>, into load: inout PointsLoad) throws(StoreError) -> Int {
        let (end, count) = try LineReader.lines(of: bytes, range, firstLine: lineCount + 1) { line, number throws(StoreError) in
            // The fast path takes the lines it fully understands; the rest get the reference decoder.
            if line.withUnsafeBytes({ fast.decode($0, into: &load) }) { return }
            fast.flush(into: &load)
            try LineReader.take(decoder.decode(line), line: number, of: file, in: root, problems: &problems) {
                load.take($0)
            }
        }
        lineCount += count
        return end
    }

    private mutating func finish(into load: inout PointsLoad) {
        fast.flush(into: &load)
        for vault in load.lists.keys { load.lists[vault]?.trimCapacity() }
        load.problems += problems
    }
}
