import COpenSSL

/// HMAC-SHA256 (RFC 2104 with SHA-256): SigV4's key derivation and signature. Like the digests, it
/// fails only when libcrypto itself is broken, and the program then stops with libcrypto's reasons.
public enum HMACSHA256 {
    public static let byteCount = 32

    /// The 32-byte code of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: SecretBytes) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: byteCount)
        code.withUnsafeMutableBytes { compute(message, key: key, into: $0) }
        return code
    }

    /// The code of `message` under `key`, kept as a secret: a key derived from another (SigV4's
    /// `kDate` … `kSigning`).
    public static func derivedKey(for message: some Sequence<UInt8>, key: SecretBytes) -> SecretBytes {
        SecretBytes(count: byteCount) { compute(message, key: key, into: $0) }
    }

    private static func compute(_ message: some Sequence<UInt8>, key: SecretBytes, into code: UnsafeMutableRawBufferPointer) {
        CryptoError.clearQueue()
        var written: UInt32 = 0
        // SecretBytes' base address is never nil, so an empty key is a valid pointer with length 0.
        let result = key.withUnsafeBytes { keyBytes in
            withContiguousInput(message) { input in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    input.count, code.baseAddress?.assumingMemoryBound(to: UInt8.self), &written)
            }
        }
        guard result != nil, written == byteCount else { fatalError(CryptoError.libcrypto("HMAC-SHA256 failed").description) }
    }
}
