import VaultCore

extension LineReader {
    /// How many bytes of a file are read at a time by `read(chunksOf:)`: enough for every core to
    /// have a slice of each.
    static let chunkSize = 2 << 20

    /// Every complete line of the file behind `handle`, read a chunk at a time into a window
    /// whose memory is used again, into records handed to `record` in file order: the same records,
    /// problems, line numbers and newer-schema error as reading the file whole, without its
    /// bytes in fresh memory. (A file read whole costs a page fault and a zeroed page for every
    /// 4 KB of it; on this project's machines zeroing 14 MB of alerts took a third of listing them,
    /// and asking for huge pages instead stalled now and then for tens of milliseconds.)
    ///
    /// `expecting` is told once, after the first chunk's records are handed over, about how many
    /// lines are still to come (from the size of its first lines), so a reader can make room for
    /// them at once. The file is read until a read comes back short, so lines appended meanwhile
    /// are read too, as `OpenFile.readToEnd` does; a line longer than a chunk widens the window
    /// until it fits.
    static func read(
        chunksOf handle: borrowing OpenFile, of file: StoreFile, in root: StoreDirectory, decoder: RecordDecoder,
        alerts: AlertReading = .whole, chunkSize: Int = chunkSize, expecting: (Int) -> Void = { _ in },
        record: (consuming Record) -> Void
    ) throws(StoreError) -> LineBatch {
        let size = try handle.status().size
        var total = LineBatch()
        var carried: ArraySlice<UInt8> = []
        var readAt = 0
        var told = false
        while true {
            // After what is left of the last chunk (a line not yet whole), the next chunk; twice
            // the window when a line filled all of it. Of the same size each time, so the
            // allocator gives the memory of the window before last again.
            let wanted = max(chunkSize - carried.count, carried.count)
            let window = try handle.read(at: readAt, count: wanted, after: carried)
            let filled = window.count - carried.count
            readAt += filled
            let batch = try read(window, of: file, firstLine: total.lineCount + 1, in: root, decoder: decoder, alerts: alerts, record: record)
            total.problems += batch.problems
            total.lineCount += batch.lineCount
            total.consumed += batch.consumed
            if !told && batch.lineCount > 0 {
                told = true
                // About as many lines as the file holds, less those of this chunk, already taken.
                let estimate = Int((Double(batch.lineCount) * Double(max(size, readAt)) / Double(batch.consumed)).rounded(.up))
                expecting(max(estimate - batch.lineCount, 0))
            }
            // A short read: the end of the file as it is now.
            if filled < wanted {
                total.unterminated = window.count - batch.consumed
                return total
            }
            carried = window[batch.consumed...]
        }
    }
}
