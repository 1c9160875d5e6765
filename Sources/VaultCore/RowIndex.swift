/// Row numbers by hash, with open addressing and linear probing: the ARN index of a
/// `PointList`, five bytes a slot instead of a dictionary of strings. Each slot keeps a byte of its
/// row's hash beside it, so a probe asks the list to compare ARNs only when that byte agrees (a
/// load of new points probes past several taken slots per insert, and each comparison would read a
/// row elsewhere in memory). The list compares ARNs and recomputes a row's hash (the index keeps
/// neither).
struct RowIndex: Sendable {
    /// Row number + 1; 0 for an empty slot. Empty until the first row (a power of two after).
    private var slots: [UInt32] = []
    /// A byte of each slot's hash (`tag(of:)`), meaningful where the slot is taken.
    private var tags: [UInt8] = []
    private var count = 0

    static func hash(prefix: UInt32, tail: UnsafeRawBufferPointer) -> UInt64 {
        ByteHash.hash(tail, seed: UInt64(prefix) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The high byte: the low bits pick the slot, so the tag tells apart what shares a run.
    @inline(__always) private static func tag(of hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash >> 56) }

    /// Where a probe for `hash` starts, and what that slot holds: read by a caller with work to do
    /// before it looks a row up, so that the likely cache miss of a slot in a large index is
    /// waited for alongside that work rather than after it.
    struct Start {
        fileprivate var slot: Int
        fileprivate var holds: UInt32
        /// The index's size when it was read: an index that grew since would be probed wrongly.
        fileprivate var size: Int
    }

    @inline(__always) func start(hash: UInt64) -> Start {
        if slots.isEmpty { return Start(slot: 0, holds: 0, size: 0) }
        let slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        return Start(slot: slot, holds: slots.withUnsafeBufferPointer { $0[slot] }, size: slots.count)
    }

    func find(hash: UInt64, where isRow: (Int) -> Bool) -> Int? {
        find(hash: hash, from: start(hash: hash), where: isRow)
    }

    /// The same, from a `start(hash:)` taken since the index last changed.
    @inline(__always) func find(hash: UInt64, from start: Start, where isRow: (Int) -> Bool) -> Int? {
        assert(start.size == slots.count, "the index changed between start(hash:) and find")
        if start.holds == 0 { return nil }
        let mask = slots.count - 1
        let tag = Self.tag(of: hash)
        var i = start.slot
        return slots.withUnsafeBufferPointer { slots in
            tags.withUnsafeBufferPointer { tags in
                while slots[i] != 0 {
                    if tags[i] == tag {
                        let row = Int(slots[i]) - 1
                        if isRow(row) { return row }
                    }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
    }

    /// Makes room for `rows` rows in all without growing again.
    mutating func reserveCapacity(_ rows: Int, hashOf: (Int) -> UInt64) {
        var size = max(16, slots.count)
        while rows * 4 > size * 3 { size *= 2 }
        guard size > slots.count else { return }
        rebuild(size: size, hashOf: hashOf)
    }

    /// Adds `row`, which the index does not hold yet. `hashOf` gives any row's hash, for growing.
    mutating func insert(_ row: Int, hash: UInt64, hashOf: (Int) -> UInt64) {
        if (count + 1) * 4 > slots.count * 3 { rebuild(size: max(16, slots.count * 2), hashOf: hashOf) }
        place(UInt32(row + 1), hash: hash)
        count += 1
    }

    /// Moves every entry into `size` slots, placed by the hashes `hashOf` gives.
    private mutating func rebuild(size: Int, hashOf: (Int) -> UInt64) {
        let old = slots
        slots = [UInt32](repeating: 0, count: size)
        tags = [UInt8](repeating: 0, count: size)
        for s in old where s != 0 { place(s, hash: hashOf(Int(s) - 1)) }
    }

    private mutating func place(_ value: UInt32, hash: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = value
        tags[i] = Self.tag(of: hash)
    }

    /// Removes `row` and renumbers every later row one down, as the list's rows shift. `hashOf`
    /// gives the hash of a row by its number before the removal.
    mutating func remove(_ row: Int, hashOf: (Int) -> UInt64) {
        let mask = slots.count - 1
        var hole = Int(truncatingIfNeeded: hashOf(row)) & mask
        while slots[hole] != UInt32(row + 1) { hole = (hole + 1) & mask }
        // Backward-shift deletion: move up every later entry of the run whose home is not
        // between the hole and where it sits.
        var j = hole
        while true {
            j = (j + 1) & mask
            let s = slots[j]
            if s == 0 { break }
            let home = Int(truncatingIfNeeded: hashOf(Int(s) - 1)) & mask
            let between = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j)
            if !between {
                slots[hole] = s
                tags[hole] = tags[j]
                hole = j
            }
        }
        slots[hole] = 0
        count -= 1
        let removed = UInt32(row + 1)
        for k in slots.indices where slots[k] > removed { slots[k] -= 1 }
    }
}
