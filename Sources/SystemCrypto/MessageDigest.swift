import COpenSSL

/// A one-shot `EVP_Digest`. It fails only when libcrypto itself is broken (no memory, no default
/// provider); the program then stops with libcrypto's reasons rather than go on with a wrong hash.
enum MessageDigest {
    static func hash(_ bytes: some Sequence<UInt8>, algorithm: OpaquePointer?, byteCount: Int, name: String) -> [UInt8] {
        CryptoError.clearQueue()
        var digest = [UInt8](repeating: 0, count: byteCount)
        var written: UInt32 = 0
        let status = withContiguousInput(bytes) { input in
            digest.withUnsafeMutableBufferPointer { EVP_Digest(input.baseAddress, input.count, $0.baseAddress, &written, algorithm, nil) }
        }
        guard status == 1, written == byteCount else { fatalError(CryptoError.libcrypto("\(name) failed").description) }
        return digest
    }
}
