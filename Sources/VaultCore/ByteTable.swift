import Foundation

/// Runs of bytes, each distinct run kept once and named by a small id (from 1; id 0 stands for
/// "none"), all of them end to end in one buffer with an open-addressing index: a hundred
/// thousand texts are three flat arrays, not a hundred thousand allocations scattered through
/// the heap. `StringTable` adds a `String` per id; alone, it is a set of texts.
struct ByteTable: Sendable {
    private var hashes: [UInt64] = [0]
    /// Every run's bytes end to end: run `id` ends at `ends[id]` and starts where `id - 1` ends.
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = [0]
    /// Open addressing with linear probing: ids, 0 for an empty slot.
    private var slots = [UInt32](repeating: 0, count: 16)

    /// How many runs it holds.
    var count: Int { ends.count - 1 }

    /// The bytes of run `id`, for `body`.
    func withBytes<R>(of id: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = Int(ends[Int(id) - 1])
        let end = Int(ends[Int(id)])
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Every run as a `String` (its bytes read as UTF-8), in the order they were added.
    var strings: [String] {
        (0..<count).map { i in withBytes(of: UInt32(i + 1)) { String(decoding: $0, as: UTF8.self) } }
    }

    /// Whether run `id` is `bytes` (id 0, "none", is no run).
    @inline(__always) func holds(_ id: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard id != 0 else { return false }
        let start = Int(ends[Int(id) - 1])
        let count = Int(ends[Int(id)]) - start
        guard count == bytes.count else { return false }
        return count == 0 || self.bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, count) == 0 }
    }

    /// The id of `bytes`, and whether it was added now.
    mutating func insert(_ bytes: UnsafeRawBufferPointer) -> (id: UInt32, inserted: Bool) {
        let h = ByteHash.hash(bytes)
        if let id = find(bytes, hash: h) { return (id, false) }
        if (ends.count + 1) * 4 > slots.count * 3 { grow() }
        let id = UInt32(ends.count)
        hashes.append(h)
        self.bytes.append(bytes: bytes)
        ends.append(UInt32(self.bytes.count))
        place(id, hash: h)
        return (id, true)
    }

    mutating func insert(_ text: String) -> (id: UInt32, inserted: Bool) {
        var text = text
        return text.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
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

    private mutating func place(_ id: UInt32, hash h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        for id in 1..<ends.count { place(UInt32(id), hash: hashes[id]) }
    }
}

extension ByteTable: Equatable {
    /// The same runs, whatever their ids (the order they came in).
    static func == (a: ByteTable, b: ByteTable) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { i in
            a.withBytes(of: UInt32(i + 1)) { b.find($0, hash: ByteHash.hash($0)) != nil }
        }
    }
}
