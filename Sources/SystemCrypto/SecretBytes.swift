import COpenSSL

/// Bytes that are a secret (a key, a seed): held in memory of their own, never copied out by this
/// type, and wiped with `OPENSSL_cleanse` when the last reference goes. Its description says only
/// how many bytes it holds.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    // @unchecked: the buffer is written only while initialising, then only read.
    private let storage: UnsafeMutableRawBufferPointer

    /// `count` bytes written by `fill`; wiped at once if `fill` throws.
    public init<Failure: Error>(
        count: Int, filling fill: (UnsafeMutableRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        storage = .allocate(byteCount: max(count, 1), alignment: 1)
        let bytes = UnsafeMutableRawBufferPointer(rebasing: storage.prefix(count))
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try fill(bytes)
        } catch {
            Self.wipe(storage)
            storage.deallocate()
            throw error
        }
        self.count = count
    }

    /// A copy of `bytes` (an array, a slice, `Data` or a string's UTF-8 are copied straight from their
    /// storage). The caller still holds its own copy: wipe it (`SecretBytes.wipe`) when done.
    public static func copying(_ bytes: some Sequence<UInt8>) -> SecretBytes {
        withContiguousInput(bytes) { input in SecretBytes(count: input.count) { $0.copyMemory(from: input) } }
    }

    public let count: Int

    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(rebasing: storage.prefix(count)))
    }

    public var description: String { "\(count) secret bytes" }

    deinit {
        Self.wipe(storage)
        storage.deallocate()
    }

    /// Overwrites `bytes` with zeros in a way the compiler cannot leave out.
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { wipe($0) }
    }

    static func wipe(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        OPENSSL_cleanse(base, bytes.count)
    }
}
