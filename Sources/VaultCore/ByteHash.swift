/// A fast, non-cryptographic hash of a run of bytes, eight at a time, for the in-memory tables of
/// `PointList` (interned strings, ARN lookups) and a listing's caches. Stable within a process;
/// never stored.
public enum ByteHash {
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ seed ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = mix(h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                last |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ last)
        }
        return finish(h)
    }

    static func combine(_ h: UInt64, _ value: UInt64) -> UInt64 { finish(mix(h ^ value)) }

    @inline(__always) private static func mix(_ x: UInt64) -> UInt64 {
        let m = x.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return m.high ^ m.low
    }

    @inline(__always) private static func finish(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 29)
    }
}

extension Array where Element == UInt8 {
    /// Appends raw bytes with one copy (as typed bytes: appending the raw buffer itself goes byte
    /// by byte).
    @inline(__always) mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }
}
