import Dispatch
import Synchronization
import VaultCore

extension StoreTail {
    /// The first half of a staged first read: reads every file but the points files, which it
    /// lists (with their sizes) for `readPoints` and which `poll` leaves alone until then. The
    /// screen can show vaults, alerts and acknowledgements before any point is read.
    ///
    /// On a tail that has already read something this is just `poll()`, deferring nothing.
    public func pollDeferringPoints() throws -> (load: StoreLoad, points: [PointsFile]) {
        try follow.withLock { (follow: inout Follow) throws(StoreError) -> (load: StoreLoad, points: [PointsFile]) in
            var points: [PointsFile] = []
            var deferred = follow.deferred
            if follow.cursors.isEmpty && follow.deferred.isEmpty {
                for file in try StoreFile.all(in: root) where file.isPoints {
                    guard let status = try FileStatus.at(path: root.path(of: file)) else { continue }
                    points.append(PointsFile(relativePath: file.relativePath, size: status.size))
                    deferred.insert(file.relativePath)
                }
            }
            var next = follow.cursors
            let load = try poll(&next, skipping: deferred)
            follow.cursors = next
            follow.deferred = deferred
            return (load, points)
        }
    }

    /// Reads deferred points files, several at once on the available cores (largest first, so
    /// the cores finish together), handing each file's load to `ready` as soon as it is read:
    /// one call at a time, in no particular order, on the reading threads. Each file is read
    /// once: a file that is not deferred (any more) gives an empty load.
    ///
    /// Throws the first `StoreError` met (a newer schema, an unreadable file) once every file has
    /// been tried; the caller should then stop, as it would for a poll.
    public func readPoints(_ files: [PointsFile], ready: @Sendable (PointsFile, PointsLoad) -> Void) throws {
        let order = files.sorted { $0.size > $1.size }
        let firstError = Mutex<StoreError?>(nil)
        let handOver = Mutex(())
        DispatchQueue.concurrentPerform(iterations: order.count) { i in
            do throws(StoreError) {
                let load = try readPoints(order[i])
                handOver.withLock { _ in ready(order[i], load) }
            } catch {
                firstError.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    /// Reads one deferred points file; after this `poll` follows it from where this stopped.
    public func readPoints(_ points: PointsFile) throws(StoreError) -> PointsLoad {
        guard follow.withLock({ $0.deferred.contains(points.relativePath) }) else { return PointsLoad() }
        let file = StoreFile.points(fileName: String(points.relativePath.dropFirst(StoreFile.pointsFolder.count + 1)))
        var load = PointsLoad()
        let path = root.path(of: file)
        guard let handle = try OpenFile.open(path, for: .read) else {
            follow.withLock { _ = $0.deferred.remove(points.relativePath) }
            return load
        }
        try handle.lock(.shared)
        let status = try handle.status()
        let bytes = try handle.read(at: 0, count: status.size)
        let (consumed, lines) = try PointsReader.read(bytes, of: file, in: root, into: &load)
        load.bytes = bytes.count
        var cursor = Cursor(status)
        cursor.offset = consumed
        cursor.lines = lines
        cursor.seenSize = bytes.count
        follow.withLock {
            $0.cursors[points.relativePath] = cursor
            $0.deferred.remove(points.relativePath)
        }
        return load
    }
}
