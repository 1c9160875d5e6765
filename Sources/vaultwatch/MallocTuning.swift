/// How the C allocator is set for a command that reads a store, prints, and exits: it asks the
/// system for memory in large steps, and keeps what is freed for what is allocated next. By
/// default it grows each thread's heap a page or so at a time (a listing of 15,000 alerts made
/// nearly 1,900 `mprotect` calls) and gives large arrays fresh mappings, each page of them faulted
/// in again as the array grows. Only for commands run as their own short process: a long-running
/// one (the dashboard, `sync`) keeps the allocator's defaults, which give memory back.
enum MallocTuning {
    static func forOneShotListing() {
        // Each heap grown by 64 MB beyond what is asked (address space, not memory: a page
        // costs nothing until it is touched).
        _ = mallopt(topPad, 64 << 20)
        // Arrays up to 32 MB (the most glibc allows) from the heaps, where freed memory is reused.
        _ = mallopt(mmapThreshold, 32 << 20)
    }

    /// `M_TOP_PAD` and `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`, which the Glibc module does not bring.
    private static let topPad: Int32 = -2
    private static let mmapThreshold: Int32 = -3
}

/// glibc's `int mallopt(int param, int value)`: 1 when the setting was taken, 0 when not (then
/// the allocator is as it was).
@_silgen_name("mallopt") private func mallopt(_ param: Int32, _ value: Int32) -> Int32
