import Foundation
import VaultCore
import VaultStore

#if canImport(Glibc)
    import Glibc
#endif

/// `--measure-memory STORE`, run in a child process so nothing else the harness did is in its
/// resident set: loads the store into the account state the dashboard holds (`loadAccount()`),
/// and prints how much the resident set grew.
enum MemoryProbe {
    static func run(store: URL) throws {
        let before = ResidentMemory.bytes()
        let state = try Store(directory: store).loadAccount().state
        // Give freed pages of the load back, as a long-running dashboard's allocator would in time.
        trimHeap()
        let after = ResidentMemory.bytes()
        print(#"{"rss_growth": \#(after - before), "points": \#(state.pointCount)}"#)
        withExtendedLifetime(state) {}
    }

    /// glibc's `malloc_trim(0)`, which Swift's Glibc module does not import (it lives in malloc.h).
    private static func trimHeap() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
