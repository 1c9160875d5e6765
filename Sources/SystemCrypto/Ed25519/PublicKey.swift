import COpenSSL

extension Ed25519 {
    /// A verifying key: its 32 raw bytes (RFC 8032's encoding of the point).
    public struct PublicKey: Sendable, Equatable {
        public let raw: [UInt8]

        /// The key whose raw bytes are `raw`, 32 bytes that libcrypto takes as an Ed25519 public key.
        public init(raw: some Sequence<UInt8>) throws(CryptoError) {
            let bytes = Array(raw)
            guard bytes.count == Ed25519.publicKeyByteCount else {
                throw CryptoError("an Ed25519 public key is \(Ed25519.publicKeyByteCount) bytes, not \(bytes.count)")
            }
            _ = try Self.libcryptoKey(bytes)
            self.raw = bytes
        }

        /// Whether `signature` is this key's signature of `message`.
        public func isValidSignature(_ signature: some Sequence<UInt8>, for message: some Sequence<UInt8>) -> Bool {
            let signature = Array(signature)
            guard signature.count == Ed25519.signatureByteCount, let key = try? Self.libcryptoKey(raw),
                let context = EVP_MD_CTX_new()
            else { return false }
            defer {
                EVP_MD_CTX_free(context)
                CryptoError.clearQueue()
            }
            return withContiguousInput(message) { input in
                EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1
                    && EVP_DigestVerify(
                        context, signature, signature.count, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count)
                        == 1
            }
        }

        private static func libcryptoKey(_ raw: [UInt8]) throws(CryptoError) -> OwnedPKey {
            guard let key = raw.withUnsafeBytes({ OwnedPKey(ed25519: $0, isPrivate: false) }) else {
                throw CryptoError.libcrypto("not an Ed25519 public key")
            }
            return key
        }
    }
}
