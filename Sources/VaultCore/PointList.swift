import Foundation

/// A vault's recovery points in arrival order, with an index by ARN so a new snapshot of a point
/// replaces the old one.
///
/// Compact, for a million points: the vault's key once for the whole list, a row per point of ids
/// and numbers (52 bytes plus a flag byte), the ARNs' unique tails (`…:recovery-point:` is
/// interned, the UUID after it is not) in one byte buffer, every repeated text (resource ARN and
/// name and type, role ARN, ARN prefix) interned once, lifecycles interned too, and an ARN index
/// of row numbers with open addressing. Points are made on access, so the list reads as a
/// collection of `RecoveryPoint`.
public struct PointList: Sendable {
    struct Row: Sendable {
        /// Dates as `Date` holds them (seconds since 2001), so every date comes back exactly.
        var creation: Double
        /// Meaningful when `flags` says there is one.
        var completion: Double
        var size: Int64
        var arnPrefix: UInt32
        /// Where the ARN's tail ends in `arnTails`; it starts where the previous row's ends.
        var arnEnd: UInt32
        var resourceArn: UInt32
        var resourceType: UInt32
        /// 0 when absent.
        var resourceName: UInt32
        /// 0 when absent.
        var iamRoleArn: UInt32
        var lifecycle: UInt32
        /// Status (bits 0–2), storage class (3–4), encrypted (5), has a completion date (6).
        var flags: UInt8
    }

    /// The vault every point of the list is in.
    public private(set) var vault: VaultKey
    private var rows: [Row] = []
    private var arnTails: [UInt8] = []
    private var texts = StringTable()
    private var lifecycles: [Lifecycle] = []
    private var lifecycleIds: [LifecycleKey: UInt32] = [:]
    private var index = RowIndex()
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
        rows.reserveCapacity(count)
        arnTails.reserveCapacity(count * Self.split(sample.arn).tail.count)
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
        let split = Self.split(point.arn)
        let prefix = texts.intern(split.prefix)
        var row = Row(
            creation: point.creationDate.timeIntervalSinceReferenceDate,
            completion: point.completionDate?.timeIntervalSinceReferenceDate ?? 0, size: point.sizeBytes,
            arnPrefix: prefix, arnEnd: 0, resourceArn: texts.intern(point.resourceArn), resourceType: texts.intern(point.resourceType),
            resourceName: point.resourceName.map { texts.intern($0) } ?? 0,
            iamRoleArn: point.iamRoleArn.map { texts.intern($0) } ?? 0, lifecycle: lifecycleId(point.lifecycle),
            flags: Self.flags(point))
        let hash = RowIndex.hash(prefix: prefix, tail: split.tail)
        if let i = index.find(hash: hash, where: { isRow($0, prefix: prefix, tail: split.tail) }) {
            row.arnEnd = rows[i].arnEnd
            totalBytes += point.sizeBytes - rows[i].size
            rows[i] = row
        } else {
            arnTails.append(contentsOf: split.tail)
            row.arnEnd = UInt32(arnTails.count)
            rows.append(row)
            totalBytes += point.sizeBytes
            var index = takeIndex()
            index.insert(rows.count - 1, hash: hash) { rowHash($0) }
            self.index = index
        }
        if newestCreation.map({ point.creationDate > $0 }) ?? true { newestCreation = point.creationDate }
    }

    public mutating func remove(arn: String) {
        var arn = arn
        guard let i = arn.withUTF8({ row(arn: UnsafeRawBufferPointer($0)) }) else { return }
        var index = takeIndex()
        index.remove(i) { rowHash($0) }
        self.index = index
        let tail = self.tail(of: i)
        let removed = rows.remove(at: i)
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
            guard let days = lifecycles[Int(r.lifecycle)].deleteAfterDays else { continue }
            let at = Date(timeIntervalSinceReferenceDate: r.creation).addingTimeInterval(TimeInterval(days) * 86_400)
                .timeIntervalSince1970
            if at > after && at < soonest { soonest = at }
        }
        return soonest.isFinite ? Date(timeIntervalSince1970: soonest) : nil
    }

    // MARK: - Rows

    private func row(arn: UnsafeRawBufferPointer) -> Int? {
        let split = Self.split(arn)
        guard let prefix = texts.find(split.prefix, hash: ByteHash.hash(split.prefix)) else { return nil }
        return index.find(hash: RowIndex.hash(prefix: prefix, tail: split.tail)) {
            isRow($0, prefix: prefix, tail: split.tail)
        }
    }

    private func tail(of i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(rows[i - 1].arnEnd))..<Int(rows[i].arnEnd)
    }

    private func isRow(_ i: Int, prefix: UInt32, tail: UnsafeRawBufferPointer) -> Bool {
        guard rows[i].arnPrefix == prefix else { return false }
        let range = self.tail(of: i)
        guard range.count == tail.count else { return false }
        return arnTails.withUnsafeBytes { all in
            tail.isEmpty || memcmp(all.baseAddress! + range.lowerBound, tail.baseAddress!, tail.count) == 0
        }
    }

    private func rowHash(_ i: Int) -> UInt64 {
        let range = tail(of: i)
        return arnTails.withUnsafeBytes { all in
            RowIndex.hash(prefix: rows[i].arnPrefix, tail: UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// An ARN as its interned part, up to and including the last `:` or `/`, and its own tail.
    static func split(_ arn: UnsafeRawBufferPointer) -> (prefix: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer) {
        var cut = arn.count
        while cut > 0, arn[cut - 1] != UInt8(ascii: ":"), arn[cut - 1] != UInt8(ascii: "/") { cut -= 1 }
        return (UnsafeRawBufferPointer(rebasing: arn[..<cut]), UnsafeRawBufferPointer(rebasing: arn[cut...]))
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

    /// In the order of `flags`.
    private static let statuses: [RecoveryPoint.Status] = [.completed, .partial, .deleting, .expired, .available, .stopped, .creating]
    private static let storageClasses: [RecoveryPoint.StorageClass] = [.warm, .cold, .deleted]

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
        return status | storage << 3 | (p.isEncrypted ? 1 << 5 : 0) | (p.completionDate == nil ? 0 : 1 << 6)
    }
}

extension PointList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The point at `position`, made from its row.
    public subscript(position: Int) -> RecoveryPoint {
        let r = rows[position]
        let arn = arnTails.withUnsafeBytes { texts.joined(r.arnPrefix, UnsafeRawBufferPointer(rebasing: $0[tail(of: position)])) }
        return RecoveryPoint(
            arn: arn, vaultName: vault.name, accountId: vault.accountId, region: vault.region,
            resourceArn: texts[r.resourceArn],
            resourceType: texts[r.resourceType], resourceName: r.resourceName == 0 ? nil : texts[r.resourceName],
            status: Self.statuses[Int(r.flags & 7)], creationDate: Date(timeIntervalSinceReferenceDate: r.creation),
            completionDate: r.flags & (1 << 6) == 0 ? nil : Date(timeIntervalSinceReferenceDate: r.completion),
            sizeBytes: r.size, lifecycle: lifecycles[Int(r.lifecycle)],
            storageClass: Self.storageClasses[Int(r.flags >> 3 & 3)], isEncrypted: r.flags & (1 << 5) != 0,
            iamRoleArn: r.iamRoleArn == 0 ? nil : texts[r.iamRoleArn])
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
        for r in rows where counted[Int(r.flags & 7)] {
            if newest[r.resourceArn].map({ r.creation > $0 }) ?? true { newest[r.resourceArn] = r.creation }
        }
        var byResource: [String: Date] = [:]
        byResource.reserveCapacity(newest.count)
        for (id, creation) in newest { byResource[texts[id]] = Date(timeIntervalSinceReferenceDate: creation) }
        return byResource
    }
}
