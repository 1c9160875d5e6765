import COpenSSL

/// An `EVP_PKEY` this process made, freed with its last reference (libcrypto wipes a private key's
/// bytes when it frees them). libcrypto lets several threads use one key at once as long as none
/// changes it, and nothing changes a key after it is made.
final class OwnedPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// An Ed25519 key from its 32 raw bytes, private (the seed) or public; nil when libcrypto refuses
    /// them, its reasons left on the error queue (cleared first).
    init?(ed25519 raw: UnsafeRawBufferPointer, isPrivate: Bool) {
        CryptoError.clearQueue()
        let bytes = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let made =
            isPrivate
            ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, bytes, raw.count)
            : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, raw.count)
        guard let made else { return nil }
        pointer = made
    }

    deinit { EVP_PKEY_free(pointer) }
}
