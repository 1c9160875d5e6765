import Glibc

/// Transparent huge pages for a large buffer about to be filled, where the system gives them on
/// request (`madvise` mode): a 15 MB file read into fresh 4 KB pages costs nearly 4,000 page
/// faults, each zeroing its page; in 2 MB pages, a handful.
enum HugePages {
    static let size = 2 << 20

    /// Asks for huge pages over the whole 2 MB stretches inside `buffer`. Only advice: when the
    /// system declines, the buffer is as it was, and is filled in small pages.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        guard buffer.count >= 2 * size, let base = buffer.baseAddress else { return }
        let mask = UInt(size - 1)
        let start = (UInt(bitPattern: base) + mask) & ~mask
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~mask
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(first, Int(end - start), MADV_HUGEPAGE)
    }
}
