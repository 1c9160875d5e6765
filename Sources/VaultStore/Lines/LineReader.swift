import VaultCore

/// The complete lines of a stretch of a store file, read into records. A stretch ends at its last
/// newline: what follows it is a line still being written, or one torn by a crash.
struct LineBatch {
    var records: [Record] = []
    var problems: [StoreProblem] = []
    /// Bytes of complete lines, up to and including the last newline.
    var consumed = 0
    /// How many complete lines there were.
    var lineCount = 0
    /// Bytes after the last newline.
    var unterminated = 0
}

enum LineReader {
    /// Reads the complete lines in `bytes`, the first of which is line `firstLine` of `file`.
    /// A malformed line becomes a problem; a line from a newer schema stops the read.
    static func read(
        _ bytes: [UInt8], of file: StoreFile, firstLine: Int, in root: StoreDirectory, decoder: RecordDecoder
    ) throws(StoreError) -> LineBatch {
        var batch = LineBatch()
        var start = 0
        var lineNumber = firstLine
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            switch decoder.decode(bytes[start..<newline]) {
            case .record(let record, _):
                batch.records.append(record)
            case .malformed(let message):
                batch.problems.append(
                    StoreProblem(.malformedLine, file: file.relativePath, line: lineNumber, message: message))
            case .newerSchema(let version):
                throw .newerSchema(
                    file: root.path(of: file), line: lineNumber, version: version, supported: StoreSchema.current)
            }
            start = newline + 1
            lineNumber += 1
        }
        batch.consumed = start
        batch.lineCount = lineNumber - firstLine
        batch.unterminated = bytes.count - start
        return batch
    }
}
