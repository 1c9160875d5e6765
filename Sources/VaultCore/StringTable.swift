import Foundation

/// Interned strings: each distinct text is kept once and named by a small id, so a million
/// recovery points of a hundred resources hold a hundred resource ARNs. Id 0 stands for "none"
/// (an absent optional). Lookups take UTF-8 bytes (a `ByteTable`), so a loader never makes a
/// `String` for a text the table already holds.
struct StringTable: Sendable {
    private(set) var strings: [String] = [""]
    private var table = ByteTable()

    var count: Int { strings.count - 1 }

    subscript(id: UInt32) -> String { strings[Int(id)] }

    /// The text `id` followed by `tail`, made as one string (one allocation).
    func joined(_ id: UInt32, _ tail: UnsafeRawBufferPointer) -> String {
        table.withBytes(of: id) { head in
            String(unsafeUninitializedCapacity: head.count + tail.count) { out in
                let raw = UnsafeMutableRawBufferPointer(out)
                raw.copyMemory(from: head)
                UnsafeMutableRawBufferPointer(rebasing: raw[head.count...]).copyMemory(from: tail)
                return head.count + tail.count
            }
        }
    }

    /// Whether text `id` is `bytes` (id 0, "none", is no text).
    @inline(__always) func holds(_ id: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        table.holds(id, bytes)
    }

    /// The id of `bytes` when it is text `last` (compared, not hashed: a loader's fields repeat
    /// from one point to the next), else as `intern` gives it.
    @inline(__always) mutating func intern(_ bytes: UnsafeRawBufferPointer, like last: UInt32) -> UInt32 {
        last != 0 && holds(last, bytes) ? last : intern(bytes)
    }

    /// The id of `bytes`, added when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let (id, inserted) = table.insert(bytes)
        if inserted { strings.append(String(decoding: bytes, as: UTF8.self)) }
        return id
    }

    mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `bytes`, or nil when the table does not hold them.
    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32? {
        table.find(bytes, hash: h)
    }
}
