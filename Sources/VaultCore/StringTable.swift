import Foundation

/// Interned strings: each distinct text is kept once and named by a small id, so a million
/// recovery points of a hundred resources hold a hundred resource ARNs. Id 0 stands for "none"
/// (an absent optional). Lookups take UTF-8 bytes, so a loader never makes a `String` for a text
/// the table already holds.
struct StringTable: Sendable {
    private(set) var strings: [String] = [""]
    private var hashes: [UInt64] = [0]
    /// Every string's UTF-8 bytes end to end (`ends[id]` is where string `id` ends), compared
    /// without touching the `String`s (no retain, no release) when looking up.
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = [0]
    /// Open addressing with linear probing: ids, 0 for an empty slot.
    private var slots = [UInt32](repeating: 0, count: 16)

    var count: Int { strings.count - 1 }

    subscript(id: UInt32) -> String { strings[Int(id)] }

    /// The text `id` followed by `tail`, made as one string (one allocation).
    func joined(_ id: UInt32, _ tail: UnsafeRawBufferPointer) -> String {
        let start = Int(ends[Int(id) - 1])
        let count = Int(ends[Int(id)]) - start
        return bytes.withUnsafeBytes { stored in
            String(unsafeUninitializedCapacity: count + tail.count) { out in
                let raw = UnsafeMutableRawBufferPointer(out)
                raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: stored[start..<(start + count)]))
                UnsafeMutableRawBufferPointer(rebasing: raw[count...]).copyMemory(from: tail)
                return count + tail.count
            }
        }
    }

    /// The id of `bytes`, added when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = ByteHash.hash(bytes)
        if let id = find(bytes, hash: h) { return id }
        if (strings.count + 1) * 4 > slots.count * 3 { grow() }
        let id = UInt32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        hashes.append(h)
        self.bytes.append(contentsOf: bytes)
        ends.append(UInt32(self.bytes.count))
        place(id, hash: h)
        return id
    }

    mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `bytes`, or nil when the table does not hold them.
    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        return self.bytes.withUnsafeBytes { stored in
            while true {
                let id = Int(slots[i])
                if id == 0 { return nil }
                if hashes[id] == h {
                    let start = Int(ends[id - 1])
                    let count = Int(ends[id]) - start
                    if count == bytes.count && (count == 0 || memcmp(stored.baseAddress! + start, bytes.baseAddress!, count) == 0) {
                        return UInt32(id)
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    func find(_ string: String) -> UInt32? {
        var s = string
        return s.withUTF8 { find(UnsafeRawBufferPointer($0), hash: ByteHash.hash(UnsafeRawBufferPointer($0))) }
    }

    private mutating func place(_ id: UInt32, hash h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        for id in 1..<strings.count { place(UInt32(id), hash: hashes[id]) }
    }
}
