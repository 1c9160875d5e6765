import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import VaultCore

/// Mapping reserved room ahead: on a fresh anonymous mapping, the pages are resident after and not
/// before (`mincore`), what they hold is unchanged (zero); an array reserved so keeps its elements
/// and its room; a small or absent region is left alone.
@Suite struct PrefaultTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// How many of the `pages` pages from `base` are resident.
    static func resident(_ base: UnsafeMutableRawPointer, pages: Int) -> Int {
        var flags = [UInt8](repeating: 0, count: pages)
        guard mincore(base, pages * page, &flags) == 0 else { return -1 }
        return flags.filter { $0 & 1 != 0 }.count
    }

    @Test func aFreshRegionIsMappedAtOnceAndStaysZero() throws {
        #if os(Linux)
            let pages = (32 << 20) / Self.page
            let raw = mmap(nil, pages * Self.page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            let base = try #require(raw == MAP_FAILED ? nil : raw)
            defer { munmap(base, pages * Self.page) }
            // Small pages, so that one touch cannot bring in 512 of them.
            _ = madvise(base, pages * Self.page, MADV_NOHUGEPAGE)
            #expect(Self.resident(base, pages: pages) == 0)
            #expect(Prefault.populate(base, byteCount: pages * Self.page))
            #expect(Self.resident(base, pages: pages) == pages)
            let bytes = UnsafeRawBufferPointer(start: base, count: pages * Self.page)
            #expect(bytes.allSatisfy { $0 == 0 })
        #endif
    }

    @Test func anArrayReservedSoKeepsItsElementsAndRoom() {
        var values = (0..<1_000).map { UInt64($0) &* 0x9E37_79B9 }
        values.reserveCapacityPrefaulted(4 << 20)
        #expect(values == (0..<1_000).map { UInt64($0) &* 0x9E37_79B9 })
        #expect(values.capacity >= 4 << 20)
        values.append(contentsOf: (0..<((4 << 20) - 1_000)).map { UInt64($0) })
        #expect(values.count == 4 << 20)
        #expect(values[999] == 999 &* 0x9E37_79B9 && values[1_000] == 0 && values.last == UInt64((4 << 20) - 1_001))
    }

    @Test func smallOrAbsentRoomIsLeftAlone() {
        var small = [UInt8](repeating: 7, count: 100)
        let smallMapped = small.reserveCapacityPrefaulted(200)
        #expect(!smallMapped)
        #expect(small == [UInt8](repeating: 7, count: 100))
        #expect(!Prefault.populate(nil, byteCount: 1 << 20))
    }
}
