#if canImport(Glibc)
    import Glibc
#endif

/// The pages of a freshly reserved array mapped at once, before it is filled: a loader that
/// reserves room for twenty thousand points and then writes them row by row otherwise takes a
/// page fault (a trap into the kernel, a zeroed page) for every 4 KB it reaches. One call maps
/// them all; the pages are zeroed all the same, but without a trap each.
enum Prefault {
    /// Below this, the faults cost less than the call.
    static let minimum = 64 << 10

    /// Maps the whole pages inside the `byteCount` bytes from `base` for writing (Linux 5.14's
    /// `MADV_POPULATE_WRITE`). Only advice: where the system declines, nothing changes, and the
    /// pages fault in as they are reached. What the pages hold is not changed. Returns whether
    /// pages were mapped.
    @discardableResult
    static func populate(_ base: UnsafeMutableRawPointer?, byteCount: Int) -> Bool {
        #if os(Linux)
            guard let base, byteCount >= minimum else { return false }
            let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
            let start = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
            let end = (UInt(bitPattern: base) + UInt(byteCount)) & ~(page - 1)
            guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return false }
            return madvise(first, Int(end - start), populateWrite) == 0
        #else
            return false
        #endif
    }

    /// `MADV_POPULATE_WRITE` from `<linux/mman.h>`, which the Glibc module does not bring.
    private static let populateWrite: Int32 = 23
}

extension Array {
    /// Reserves room for `count` elements and maps its pages at once (`Prefault`). Reserving first
    /// makes the storage this array's own, so only memory it owns is advised.
    @discardableResult
    mutating func reserveCapacityPrefaulted(_ count: Int) -> Bool {
        reserveCapacity(count)
        let bytes = count * MemoryLayout<Element>.stride
        return withUnsafeMutableBufferPointer { Prefault.populate(UnsafeMutableRawPointer($0.baseAddress), byteCount: bytes) }
    }
}
