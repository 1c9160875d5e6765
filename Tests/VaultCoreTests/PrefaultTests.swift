import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import VaultCore

/// Mapping an array's reserved room ahead: the elements stay as they were, the room is there to
/// fill, and the pages really are mapped (`mincore` says they are resident).
@Suite struct PrefaultTests {
    /// How many of the whole pages inside the array's reserved room are resident.
    static func residentPages(_ values: inout [UInt64]) -> (resident: Int, pages: Int) {
        let bytes = values.capacity * MemoryLayout<UInt64>.stride
        return values.withUnsafeMutableBufferPointer { buffer in
            let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
            let base = UInt(bitPattern: buffer.baseAddress)
            let start = (base + page - 1) & ~(page - 1)
            let end = (base + UInt(bytes)) & ~(page - 1)
            let pages = Int((end - start) / page)
            var flags = [UInt8](repeating: 0, count: pages)
            guard mincore(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), &flags) == 0 else { return (-1, pages) }
            return (flags.filter { $0 & 1 != 0 }.count, pages)
        }
    }

    @Test func reservedRoomIsMappedAndElementsKept() {
        var values: [UInt64] = []
        values.reserveCapacity(4 << 20)  // 32 MB, from a fresh mapping
        values.append(contentsOf: (0..<1_000).map { UInt64($0) &* 0x9E37_79B9 })
        let before = Self.residentPages(&values)
        let mapped = values.prefaultCapacity()
        let after = Self.residentPages(&values)
        #expect(values == (0..<1_000).map { UInt64($0) &* 0x9E37_79B9 })
        #if os(Linux)
            // Before, only the pages the first elements reached; after, every one.
            #expect(mapped)
            #expect(before.resident < 8 && before.pages > 8_000, "\(before)")
            #expect(after.resident == after.pages, "\(after)")
        #endif
        values.append(contentsOf: (0..<((4 << 20) - 1_000)).map { UInt64($0) })
        #expect(values.count == 4 << 20)
        #expect(values[999] == 999 &* 0x9E37_79B9 && values[1_000] == 0 && values.last == UInt64((4 << 20) - 1_001))
    }

    @Test func smallOrAbsentRoomIsLeftAlone() {
        var small = [UInt8](repeating: 7, count: 100)
        let smallMapped = small.prefaultCapacity()
        #expect(!smallMapped)
        #expect(small == [UInt8](repeating: 7, count: 100))
        #expect(!Prefault.populate(nil, byteCount: 1 << 20))
        var empty: [Int] = []
        let emptyMapped = empty.prefaultCapacity()
        #expect(!emptyMapped)
    }
}
