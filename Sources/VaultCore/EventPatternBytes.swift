import Foundation

/// EventBridge compares strings by their UTF-8 bytes: it never normalises, so a precomposed `é` and an `e`
/// followed by a combining acute are different values (Swift's `String ==` treats them as equal: canonical
/// equivalence). Every string comparison of the matcher goes through here.
enum EventPatternBytes {
    static func equal(_ a: String, _ b: String) -> Bool {
        // The lengths first: a native or small string knows its UTF-8 count without reading its bytes.
        a.utf8.count == b.utf8.count && compare(a, b) { x, y in same(x, y, count: x.count) }
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        compare(text, prefix) { x, y in x.count >= y.count && same(x, y, count: y.count) }
    }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        compare(text, suffix) { x, y in
            x.count >= y.count && same(UnsafeBufferPointer(rebasing: x[(x.count - y.count)...]), y, count: y.count)
        }
    }

    /// Lowercased as `equals-ignore-case` folds case: per character, without normalising.
    static func folded(_ text: String) -> String { text.lowercased() }

    /// The string's UTF-8 bytes: in place for a native string, copied to the stack for a small one, and
    /// only for another kind of string (bridged, say) through a native copy.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Both strings' UTF-8 bytes, without copying either (see `withBytes`).
    @inline(__always)
    private static func compare(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        withBytes(a) { x in withBytes(b) { y in body(x, y) } }
    }

    @inline(__always)
    static func same(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        count == 0 || memcmp(x.baseAddress!, y.baseAddress!, count) == 0
    }
}
