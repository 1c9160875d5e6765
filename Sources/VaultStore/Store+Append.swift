import VaultCore

extension Store {
    /// Appends records, each to the file of its kind, in the order given.
    ///
    /// For each file, under an exclusive lock: a torn last line left by a crashed writer is first
    /// set aside, the lines get the next sequence numbers (and in alerts and acks, each the hash of
    /// the line before it: see `ChainHash`), and all of them are written with one buffer. Alerts, acknowledgements and API calls are flushed to disk before this returns.
    ///
    /// On failure (ENOSPC, EIO, …) the failing file is cut back to what it held before, so no part
    /// of its lines remains, and `StoreError.writeFailed` is thrown. Files are appended one after
    /// another in the order their first record appears: those before the failing one keep their
    /// new lines. Every record is encoded before anything is written.
    ///
    /// With a digest signer, an append to a chained file (calls, alerts, acknowledgements) is then
    /// covered by a signed digest: always when it holds an acknowledgement, else when the newest
    /// digest is older than the interval. A digest that cannot be signed is said by `takeNotes()`.
    ///
    /// When the store no longer holds what its newest digest vouches for, an append to a chained
    /// file throws `StoreError.notAsVouched` before anything is written.
    ///
    /// This appends whatever it is given, an acknowledgement of an alert already acknowledged
    /// included: `acknowledge(_:)` is the exactly-once way.
    public func append(_ records: [Record]) throws {
        guard !records.isEmpty else { return }
        let encoder = RecordEncoder()
        var order: [StoreFile] = []
        var pending: [StoreFile: [(type: RecordType, data: [UInt8])]] = [:]
        for record in records {
            let file = try legacyPoints.file(for: record, in: root)
            let data = try encoder.data(of: record)
            if pending[file] == nil { order.append(file) }
            pending[file, default: []].append((record.type, data))
        }
        guard order.contains(where: \.isChained) else {
            for file in order { try append(pending[file] ?? [], to: file) }
            return
        }
        try takingWritersTurn {
            // Nothing goes on top of a store cut short or edited since its newest digest.
            try requireVouched()
            for file in order {
                try append(pending[file] ?? [], to: file)
            }
            signDigest(after: order.contains(.acks) ? .acknowledgement : .activity)
        }
    }

    private func append(_ lines: [(type: RecordType, data: [UInt8])], to file: StoreFile) throws(StoreError) {
        let handle = try openForAppend(file)
        guard file.isPoints else {
            try append(lines, to: file, through: handle)
            return
        }
        // A points file's summary follows it, under the same lock.
        let status = try handle.status()
        let before = (try? summaryBefore(file, through: handle, status: status)) ?? nil
        let appended = try append(lines, to: file, through: handle)
        refreshSummary(of: file, through: handle, before: before, status: status, appended: appended)
        // Closing the file releases the lock.
    }

    /// Opens a store file for appending under its exclusive lock, made the user's own and 0600,
    /// with any torn last line set aside: ready for `append(_:to:through:)`. Each repair is said.
    func openForAppend(_ file: StoreFile) throws(StoreError) -> OpenFile {
        let handle = try openExclusive(file)
        let status = try handle.status()
        if let repair = try handle.claim(status, as: file.relativePath) { note(repair) }
        if let setAside = try TornLine.setAside(
            from: handle, size: status.size, storeFile: file, in: root, at: clock.now(), calls: calls)
        {
            sequences.forget(file)
            note(setAside.problem(of: file))
        }
        return handle
    }

    /// Opens (creating) a store file under its exclusive lock, as it is: no writer is mid-line
    /// while it is held, so an unfinished last line is torn.
    func openExclusive(_ file: StoreFile) throws(StoreError) -> OpenFile {
        guard
            let handle = try OpenFile.openLocked(file.relativePath, in: root, for: .append, .exclusive)
        else {
            throw .cannotOpen(path: root.path(of: file), reason: "it vanished while being created")
        }
        return handle
    }

    /// Appends whole lines to `file`, which `handle` holds exclusively locked: each gets the next
    /// sequence number (and in a chained file the hash of the line before it), all are written with
    /// one buffer, and audit files are flushed to disk. On failure the file is cut back.
    /// Returns the bytes appended.
    @discardableResult
    func append(
        _ lines: [(type: RecordType, data: [UInt8])], to file: StoreFile, through handle: borrowing OpenFile
    ) throws(StoreError) -> [UInt8] {
        let path = root.path(of: file)
        let status = try handle.status()
        let end: FileEnd
        if let cached = sequences.end(of: file, status) {
            end = cached
        } else {
            end = FileEnd(
                lastSeq: try SequenceReader.lastSeq(in: handle, size: status.size, decoder: RecordDecoder()),
                lastLineHash: file.isChained
                    ? try LastLineHash.read(in: handle, size: status.size, storeFile: file) : nil)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(lines.reduce(0) { $0 + $1.data.count + 140 })
        // Each chained line carries the hash of the one before it, so it is hashed once written.
        var prev = end.lastLineHash
        for (index, line) in lines.enumerated() {
            let start = buffer.count
            RecordEncoder.appendLine(to: &buffer, type: line.type, data: line.data, seq: end.lastSeq + 1 + index, prev: prev)
            if prev != nil { prev = ChainHash.of(buffer[start..<(buffer.count - 1)]) }
        }

        if let code = handle.writeAll(buffer, with: calls) {
            sequences.forget(file)
            throw .writeFailed(path: path, reason: rollBack(handle, to: status.size, because: osReason(code)))
        }
        if file.isAuditTrail, let code = handle.sync(with: calls) {
            sequences.forget(file)
            let cause = "cannot flush it to disk: \(osReason(code))"
            throw .writeFailed(path: path, reason: rollBack(handle, to: status.size, because: cause))
        }
        sequences.remember(
            file, status, size: status.size + buffer.count,
            end: FileEnd(lastSeq: end.lastSeq + lines.count, lastLineHash: prev))
        return buffer
    }

    /// Cuts a file back to its size before a failed append; says so if even that fails.
    private func rollBack(_ handle: borrowing OpenFile, to size: Int, because cause: String) -> String {
        guard let code = handle.truncate(to: size) else { return cause }
        return "\(cause); cutting it back to \(size) bytes also failed (\(osReason(code))), so lines of this append"
            + " may remain and a partial last line will be set aside by the next load"
    }
}
