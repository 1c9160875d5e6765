import Dispatch
import Synchronization
import VaultCore

extension StoreTail {
    /// The first half of a staged first read: reads the small files (vaults, alerts,
    /// acknowledgements, sync) and lists the bulky ones (points files, events, jobs), with their
    /// sizes, for `readDeferred`; `poll` leaves those alone until then. The screen can show
    /// vaults, alerts and acknowledgements before any point or call is read.
    ///
    /// With `auditFiles`, alerts and acknowledgements are deferred too, so the
    /// vaults can be shown before them, whatever their size.
    ///
    /// On a tail that has already read something this is just `poll()`, deferring nothing.
    public func pollDeferringBulk(auditFiles: Bool = false) throws -> (load: StoreLoad, deferred: [DeferredFile]) {
        try follow.withLock { (follow: inout Follow) throws(StoreError) -> (load: StoreLoad, deferred: [DeferredFile]) in
            var bulky: [DeferredFile] = []
            var deferred = follow.deferred
            if follow.cursors.isEmpty && follow.deferred.isEmpty {
                for file in try StoreFile.all(in: root) where file.isBulk || (auditFiles && StoreFile.audit.contains(file)) {
                    guard let status = try root.status(of: file.relativePath) else { continue }
                    bulky.append(DeferredFile(relativePath: file.relativePath, size: status.size))
                    deferred.insert(file.relativePath)
                }
            }
            var next = follow.cursors
            let load = try poll(&next, skipping: deferred)
            follow.cursors = next
            follow.deferred = deferred
            follow.noteHome(from: load.records)
            return (load, bulky)
        }
    }

    /// Reads deferred files, several at once on the available cores (the points files first, so
    /// every point is in before the activity logs are read; each kind largest first, so the cores
    /// finish together), handing each file's load to `ready` as soon as it is read:
    /// one call at a time, in no particular order, on the reading threads. Each file is read
    /// once: a file that is not deferred (any more) gives an empty load.
    ///
    /// Throws the first `StoreError` met (a newer schema, an unreadable file) once every file has
    /// been tried; the caller should then stop, as it would for a poll.
    public func readDeferred(_ files: [DeferredFile], ready: @Sendable (DeferredFile, PointsLoad) -> Void) throws {
        let order = files.sorted { ($0.isPoints ? 1 : 0, $0.size) > ($1.isPoints ? 1 : 0, $1.size) }
        let firstError = Mutex<StoreError?>(nil)
        let handOver = Mutex(())
        DispatchQueue.concurrentPerform(iterations: order.count) { i in
            do throws(StoreError) {
                let load = try readDeferred(order[i])
                handOver.withLock { _ in ready(order[i], load) }
            } catch {
                firstError.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    /// Reads one deferred file; after this `poll` follows it from where this stopped. Points go
    /// straight into point lists; the records of an activity log into the load's `records`.
    public func readDeferred(_ deferred: DeferredFile) throws(StoreError) -> PointsLoad {
        guard follow.withLock({ $0.deferred.contains(deferred.relativePath) }) else { return PointsLoad() }
        let file = StoreFile.named(deferred.relativePath)
        var load = PointsLoad(home: follow.withLock { $0.home })
        guard let handle = try OpenFile.open(file.relativePath, in: root, for: .read) else {
            follow.withLock { _ = $0.deferred.remove(deferred.relativePath) }
            return load
        }
        try handle.lock(.shared)
        let status = try handle.status()
        let consumed: Int
        let lines: Int
        if file.isPoints {
            // A chunk at a time: points files are the bulk of a store.
            (consumed, lines) = try PointsReader.read(handle, size: status.size, of: file, in: root, into: &load)
            load.bytes = status.size
            // What the commands that read summaries would say must be what the points say.
            if let problem = try SummaryCoverage.check(load, of: file, through: handle, size: status.size, consumed: consumed, in: root) {
                load.problems.append(problem)
            }
        } else {
            // An activity log: records, decoded on every core when the file is long.
            let bytes = try handle.read(at: 0, count: status.size)
            let batch = try LineReader.read(bytes, of: file, firstLine: 1, in: root, decoder: RecordDecoder())
            (consumed, lines) = (batch.consumed, batch.lineCount)
            load.records = batch.records
            load.problems = batch.problems
            load.bytes = bytes.count
        }
        var cursor = Cursor(status)
        cursor.offset = consumed
        cursor.lines = lines
        cursor.seenSize = load.bytes
        follow.withLock {
            $0.cursors[deferred.relativePath] = cursor
            $0.deferred.remove(deferred.relativePath)
        }
        return load
    }
}
