import COpenSSL

extension Ed25519 {
    /// A signing key. It lives inside libcrypto, made from its 32-byte seed; the seed is read back
    /// only to write the key file (`seed()`).
    public struct PrivateKey: Sendable {
        private let key: OwnedPKey
        public let publicKey: PublicKey

        /// The key whose seed (RFC 8032's private key) is `seed`, 32 bytes.
        public init(seed: SecretBytes) throws(CryptoError) {
            guard seed.count == Ed25519.seedByteCount else {
                throw CryptoError("an Ed25519 private key is \(Ed25519.seedByteCount) bytes, not \(seed.count)")
            }
            guard let key = seed.withUnsafeBytes({ OwnedPKey(ed25519: $0, isPrivate: true) }) else {
                throw CryptoError.libcrypto("cannot make an Ed25519 private key")
            }
            self.key = key
            var raw = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
            var length = raw.count
            guard EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length) == 1, length == raw.count else {
                throw CryptoError.libcrypto("cannot derive the Ed25519 public key")
            }
            publicKey = try PublicKey(raw: raw)
        }

        /// A new key from libcrypto's private random generator (`RAND_priv_bytes`).
        public static func random() throws(CryptoError) -> PrivateKey {
            CryptoError.clearQueue()
            let seed = try SecretBytes(count: Ed25519.seedByteCount) { bytes throws(CryptoError) in
                guard RAND_priv_bytes(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(bytes.count)) == 1 else {
                    throw CryptoError.libcrypto("cannot draw a random Ed25519 seed")
                }
            }
            return try PrivateKey(seed: seed)
        }

        /// The 32-byte seed, to write the key file.
        public func seed() throws(CryptoError) -> SecretBytes {
            CryptoError.clearQueue()
            return try SecretBytes(count: Ed25519.seedByteCount) { bytes throws(CryptoError) in
                var length = bytes.count
                guard EVP_PKEY_get_raw_private_key(key.pointer, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1,
                    length == bytes.count
                else { throw CryptoError.libcrypto("cannot read the Ed25519 seed back") }
            }
        }

        /// The 64-byte signature of `message`.
        public func signature(for message: some Sequence<UInt8>) throws(CryptoError) -> [UInt8] {
            CryptoError.clearQueue()
            guard let context = EVP_MD_CTX_new() else { throw CryptoError.libcrypto("cannot sign with Ed25519") }
            defer { EVP_MD_CTX_free(context) }
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
            var length = signature.count
            let signed = withContiguousInput(message) { input in
                EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1
                    && EVP_DigestSign(
                        context, &signature, &length, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count) == 1
            }
            guard signed, length == Ed25519.signatureByteCount else { throw CryptoError.libcrypto("cannot sign with Ed25519") }
            return signature
        }
    }
}
