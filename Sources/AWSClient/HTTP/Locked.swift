import Foundation

/// A value behind a lock, for the few pieces of shared mutable state (credential caches, the
/// retry quota, rate-limit buckets). `NSLock` rather than `Mutex` so the target also builds for
/// the package's macOS 14 floor.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
