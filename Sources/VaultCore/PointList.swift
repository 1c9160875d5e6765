import Foundation

/// A vault's recovery points in arrival order, with an index by ARN so a new snapshot of a point
/// replaces the old one.
///
/// Compact, for a million points: the vault's key once for the whole list, a row per point of its
/// dates, size, where its ARN's tail ends and its shape (32 bytes), a flag byte beside it, the
/// ARNs' tails in one byte buffer (a UUID packed into 16 bytes: `…:recovery-point:` is interned,
/// what follows is not), the texts its points share interned once and named together by a shape
/// (`PointShape`: the resource, its role, the ARN's prefix, the lifecycle), and an ARN index of
/// row numbers with open addressing. Points are made on access, so the list reads as a collection of `RecoveryPoint`.
public struct PointList: Sendable {
    struct Row: Sendable {
        /// Dates as `Date` holds them (seconds since 2001), so every date comes back exactly.
        var creation: Double
        /// Meaningful when the flags say there is one.
        var completion: Double
        var size: Int64
        /// Where the ARN's tail ends in `arnTails`; it starts where the previous row's ends.
        var arnEnd: UInt32
        var shape: UInt32
    }

    /// The vault every point of the list is in.
    public private(set) var vault: VaultKey
    private(set) var rows: [Row] = []
    /// Beside each row: status (bits 0–2), storage class (3–4), encrypted (5), has a completion
    /// date (6), tail packed as a UUID (7).
    private(set) var flags: [UInt8] = []
    private var arnTails: [UInt8] = []
    private(set) var texts = StringTable()
    private(set) var shapes = PointShapes()
    private(set) var lifecycles: [Lifecycle] = []
    private var lifecycleIds: [LifecycleKey: UInt32] = [:]
    private var index = RowIndex()
    /// The prefix of the last point added: nearly every point repeats it.
    private var lastPrefix: UInt32 = 0
    /// Resource ARN ids by a cheap hash of an ARN's last bytes (`resourceId`), as many as the list
    /// has room for rows (within bounds); empty until the first point.
    private var resourceSlots: [UInt32] = []
    /// Kept up to date on every change, so screens never sum a vault's points per frame.
    public private(set) var totalBytes: Int64 = 0
    public private(set) var newestCreation: Date?

    public init(vault: VaultKey) {
        self.vault = vault
    }

    /// The same points, as the points of `vault`: a legacy list (read from a store written before
    /// schema 3) once the account state knows which vault its name meant.
    public mutating func assign(to vault: VaultKey) {
        self.vault = vault
    }

    /// Makes room for `count` points like `sample`, so a loader that knows roughly how many are
    /// coming neither regrows the list nor leaves it twice as large as it needs.
    public mutating func reserveCapacity(_ count: Int, like sample: PointFields) {
        rows.reserveCapacityPrefaulted(count)
        flags.reserveCapacityPrefaulted(count)
        let parts = ARNParts(sample.arn)
        arnTails.reserveCapacityPrefaulted(count * (parts.packed == nil ? parts.tail.count : ARNParts.packedLength))
        var index = takeIndex()
        index.reserveCapacity(count) { rowHash($0) }
        self.index = index
    }

    /// Gives back the room reserved beyond the points it holds: for a loader whose estimate of a
    /// file's points was high, once the file is read.
    public mutating func trimCapacity() {
        func trimmed<T>(_ array: [T]) -> [T] { array.capacity > array.count + array.count / 64 + 16 ? Array(array[...]) : array }
        rows = trimmed(rows)
        flags = trimmed(flags)
        arnTails = trimmed(arnTails)
    }

    public func point(arn: String) -> RecoveryPoint? {
        var arn = arn
        return arn.withUTF8 { row(arn: UnsafeRawBufferPointer($0)) }.map { self[$0] }
    }

    public mutating func upsert(_ point: RecoveryPoint) {
        PointFields.with(point) { upsert($0) }
    }

    /// Adds a point, or replaces the one with the same ARN where it stands.
    public mutating func upsert(_ point: PointFields) {
        let parts = ARNParts(point.arn)
        let prefix = texts.intern(parts.prefix, like: lastPrefix)
        lastPrefix = prefix
        let hash = parts.withStoredTail { RowIndex.hash(prefix: prefix, tail: $0) }
        // The index's slot is read before the shape is worked out (the index does not change
        // meanwhile): a large vault's index is not in the cache, and the wait overlaps that work.
        let start = index.start(hash: hash)
        let shape = shapeId(point, prefix: prefix)
        var row = Row(
            creation: point.creationDate.timeIntervalSinceReferenceDate,
            completion: point.completionDate?.timeIntervalSinceReferenceDate ?? 0, size: point.sizeBytes, arnEnd: 0,
            shape: shape)
        let packed = parts.packed != nil
        parts.withStoredTail { tail in
            let flag = Self.flags(point) | (packed ? Self.packedTail : 0)
            if let i = index.find(hash: hash, from: start, where: { isRow($0, prefix: prefix, tail: tail, packed: packed) }) {
                row.arnEnd = rows[i].arnEnd
                totalBytes += point.sizeBytes - rows[i].size
                rows[i] = row
                flags[i] = flag
            } else {
                arnTails.append(bytes: tail)
                row.arnEnd = UInt32(arnTails.count)
                rows.append(row)
                flags.append(flag)
                totalBytes += point.sizeBytes
                var index = takeIndex()
                index.insert(rows.count - 1, hash: hash) { rowHash($0) }
                self.index = index
            }
        }
        if newestCreation.map({ point.creationDate > $0 }) ?? true { newestCreation = point.creationDate }
    }

    /// The shape of `point`: one of its resource's recent ones when its texts are the same, else
    /// the interned one.
    private mutating func shapeId(_ point: PointFields, prefix: UInt32) -> UInt32 {
        let resource = resourceId(point.resourceArn)
        let lifecycle = lifecycleId(point.lifecycle)
        func same(_ id: UInt32?) -> Bool {
            guard let id else { return false }
            let s = shapes[id]
            return s.arnPrefix == prefix && s.lifecycle == lifecycle
                && texts.holds(s.resourceType, point.resourceType) && holds(s.resourceName, point.resourceName)
                && holds(s.iamRoleArn, point.iamRoleArn)
        }
        let recent = shapes.recent(of: resource)
        let id: UInt32
        if same(recent.newest) {
            return recent.newest!
        } else if same(recent.before) {
            id = recent.before!
        } else {
            id = shapes.intern(
                PointShape(
                    arnPrefix: prefix, resourceArn: resource,
                    resourceType: texts.intern(point.resourceType),
                    resourceName: point.resourceName.map { texts.intern($0) } ?? 0,
                    iamRoleArn: point.iamRoleArn.map { texts.intern($0) } ?? 0, lifecycle: lifecycle))
        }
        shapes.use(id)
        return id
    }

    /// The id of a resource ARN: the one in its pair of slots when it is the same ARN (a comparison
    /// or two), else interned (hashing every byte) and put first in the pair. A vault's points
    /// cycle through its resources, so the pair nearly always holds the point's own; the pair is
    /// picked by the ARN's length and last 24 bytes, where resource ARNs differ (an instance id, a
    /// table's name).
    @inline(__always) private mutating func resourceId(_ arn: UnsafeRawBufferPointer) -> UInt32 {
        let n = arn.count
        guard n >= 24 else { return texts.intern(arn) }
        if resourceSlots.isEmpty || (resourceSlots.count < Self.mostResourceSlots && resourceSlots.count < rows.capacity) {
            // As many slots as the list has room for rows, from 128 pairs to 4,096 (32 KB): a small
            // vault keeps a small cache, and a list that grows (or was given room for a file's
            // points) gets a larger one, empty, the ARNs finding their slots again.
            var count = Self.fewestResourceSlots
            while count < Self.mostResourceSlots && count < rows.capacity { count *= 2 }
            resourceSlots = [UInt32](repeating: 0, count: count)
        }
        let a = arn.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        let b = arn.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
        let c = arn.loadUnaligned(fromByteOffset: n - 24, as: UInt64.self)
        let m = (a ^ UInt64(truncatingIfNeeded: n)).multipliedFullWidth(by: (b ^ (c << 29 | c >> 35)) | 1)
        // Two slots side by side: the newest ARN of the pair first.
        let bits = UInt64(resourceSlots.count.trailingZeroBitCount)
        let slot = Int(truncatingIfNeeded: (m.high ^ m.low) >> (64 - bits)) & ~1
        let first = resourceSlots[slot]
        if texts.holds(first, arn) { return first }
        let second = resourceSlots[slot + 1]
        if texts.holds(second, arn) { return second }
        let id = texts.intern(arn)
        resourceSlots[slot + 1] = first
        resourceSlots[slot] = id
        return id
    }

    /// Powers of two. At the most, 4,096 pairs: a vault of 666 resources found 95% of its points'
    /// resources in them, nearly all the rest being each resource's first point (1,024 pairs: 84%).
    private static let fewestResourceSlots = 1 << 8
    private static let mostResourceSlots = 1 << 13

    /// Whether an optional text (0: absent) is `bytes` (nil: absent).
    @inline(__always) private func holds(_ id: UInt32, _ bytes: UnsafeRawBufferPointer?) -> Bool {
        guard let bytes else { return id == 0 }
        return texts.holds(id, bytes)
    }

    public mutating func remove(arn: String) {
        var arn = arn
        guard let i = arn.withUTF8({ row(arn: UnsafeRawBufferPointer($0)) }) else { return }
        var index = takeIndex()
        index.remove(i) { rowHash($0) }
        self.index = index
        let tail = self.tail(of: i)
        let removed = rows.remove(at: i)
        flags.remove(at: i)
        arnTails.removeSubrange(tail)
        for j in i..<rows.count { rows[j].arnEnd -= UInt32(tail.count) }
        totalBytes -= removed.size
        if Date(timeIntervalSinceReferenceDate: removed.creation) == newestCreation {
            newestCreation = rows.lazy.map(\.creation).max().map { Date(timeIntervalSinceReferenceDate: $0) }
        }
    }

    /// The index, moved out (not copied) so it can change while it asks the list for hashes.
    private mutating func takeIndex() -> RowIndex {
        defer { index = RowIndex() }
        return index
    }

    /// The soonest `deleteAt` after `now` of any point (nil when none is due): read from the rows
    /// without making the points, for a pane drawn every frame.
    public func nextDeletion(after now: Date) -> Date? {
        let after = now.timeIntervalSince1970
        var soonest = Double.infinity
        for r in rows {
            guard let days = lifecycles[Int(shapes[r.shape].lifecycle)].deleteAfterDays else { continue }
            let at = Date(timeIntervalSinceReferenceDate: r.creation).addingTimeInterval(TimeInterval(days) * 86_400)
                .timeIntervalSince1970
            if at > after && at < soonest { soonest = at }
        }
        return soonest.isFinite ? Date(timeIntervalSince1970: soonest) : nil
    }

    // MARK: - Rows

    func row(arn: UnsafeRawBufferPointer) -> Int? {
        let parts = ARNParts(arn)
        guard let prefix = texts.find(parts.prefix, hash: ByteHash.hash(parts.prefix)) else { return nil }
        let packed = parts.packed != nil
        return parts.withStoredTail { tail in
            index.find(hash: RowIndex.hash(prefix: prefix, tail: tail)) {
                isRow($0, prefix: prefix, tail: tail, packed: packed)
            }
        }
    }

    private func tail(of i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(rows[i - 1].arnEnd))..<Int(rows[i].arnEnd)
    }

    private func isRow(_ i: Int, prefix: UInt32, tail: UnsafeRawBufferPointer, packed: Bool) -> Bool {
        guard shapes[rows[i].shape].arnPrefix == prefix, (flags[i] & Self.packedTail != 0) == packed else {
            return false
        }
        let range = self.tail(of: i)
        guard range.count == tail.count else { return false }
        return arnTails.withUnsafeBytes { all in
            tail.isEmpty || memcmp(all.baseAddress! + range.lowerBound, tail.baseAddress!, tail.count) == 0
        }
    }

    private func rowHash(_ i: Int) -> UInt64 {
        let range = tail(of: i)
        return arnTails.withUnsafeBytes { all in
            RowIndex.hash(prefix: shapes[rows[i].shape].arnPrefix, tail: UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    // MARK: - Packed values

    private struct LifecycleKey: Hashable {
        var move: Int?
        var delete: Int?
    }

    private mutating func lifecycleId(_ lifecycle: Lifecycle) -> UInt32 {
        // A vault's points share a handful of lifecycles: look through them before hashing.
        if lifecycles.count <= 8, let i = lifecycles.firstIndex(of: lifecycle) { return UInt32(i) }
        let key = LifecycleKey(move: lifecycle.moveToColdStorageAfterDays, delete: lifecycle.deleteAfterDays)
        if let id = lifecycleIds[key] { return id }
        let id = UInt32(lifecycles.count)
        lifecycles.append(lifecycle)
        lifecycleIds[key] = id
        return id
    }

    /// In the order of the flags.
    static let statuses: [RecoveryPoint.Status] = [.completed, .partial, .deleting, .expired, .available, .stopped, .creating]
    private static let storageClasses: [RecoveryPoint.StorageClass] = [.warm, .cold, .deleted]
    private static let hasCompletion: UInt8 = 1 << 6
    private static let packedTail: UInt8 = 1 << 7

    private static func flags(_ p: PointFields) -> UInt8 {
        let status: UInt8
        switch p.status {
        case .completed: status = 0
        case .partial: status = 1
        case .deleting: status = 2
        case .expired: status = 3
        case .available: status = 4
        case .stopped: status = 5
        case .creating: status = 6
        }
        let storage: UInt8
        switch p.storageClass {
        case .warm: storage = 0
        case .cold: storage = 1
        case .deleted: storage = 2
        }
        return status | storage << 3 | (p.isEncrypted ? 1 << 5 : 0) | (p.completionDate == nil ? 0 : hasCompletion)
    }
}

extension PointList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The point at `position`, made from its row.
    public subscript(position: Int) -> RecoveryPoint {
        let r = rows[position]
        let f = flags[position]
        let s = shapes[r.shape]
        let arn = arnTails.withUnsafeBytes { all in
            let tail = UnsafeRawBufferPointer(rebasing: all[tail(of: position)])
            guard f & Self.packedTail != 0 else { return texts.joined(s.arnPrefix, tail) }
            return withUnsafeTemporaryAllocation(byteCount: ARNParts.uuidLength, alignment: 1) { uuid in
                ARNParts.unpack(tail.baseAddress!, into: uuid.baseAddress!)
                return texts.joined(s.arnPrefix, UnsafeRawBufferPointer(uuid))
            }
        }
        return RecoveryPoint(
            arn: arn, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: texts[s.resourceArn],
            resourceType: texts[s.resourceType], resourceName: s.resourceName == 0 ? nil : texts[s.resourceName],
            status: Self.statuses[Int(f & 7)], creationDate: Date(timeIntervalSinceReferenceDate: r.creation),
            completionDate: f & Self.hasCompletion == 0 ? nil : Date(timeIntervalSinceReferenceDate: r.completion),
            sizeBytes: r.size, lifecycle: lifecycles[Int(s.lifecycle)],
            storageClass: Self.storageClasses[Int(f >> 3 & 3)], isEncrypted: f & (1 << 5) != 0,
            iamRoleArn: s.iamRoleArn == 0 ? nil : texts[s.iamRoleArn])
    }
}

extension PointList: Equatable {
    /// The same points of the same vault in the same order (however their texts happen to be
    /// interned).
    public static func == (a: PointList, b: PointList) -> Bool {
        a.vault == b.vault && a.count == b.count && a.totalBytes == b.totalBytes && a.elementsEqual(b)
    }
}

extension PointList {
    /// For each protected resource, the creation date of its newest point that `counts` (by
    /// status): read from the rows, without making a point or a string per row.
    func newestCreationByResource(counting counts: (RecoveryPoint.Status) -> Bool) -> [String: Date] {
        let counted = Self.statuses.map(counts)
        var newest: [UInt32: Double] = [:]
        for (r, f) in zip(rows, flags) where counted[Int(f & 7)] {
            let resource = shapes[r.shape].resourceArn
            if newest[resource].map({ r.creation > $0 }) ?? true { newest[resource] = r.creation }
        }
        var byResource: [String: Date] = [:]
        byResource.reserveCapacity(newest.count)
        for (id, creation) in newest { byResource[texts[id]] = Date(timeIntervalSinceReferenceDate: creation) }
        return byResource
    }
}
