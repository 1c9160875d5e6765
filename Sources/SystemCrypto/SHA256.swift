import COpenSSL

/// SHA-256 (FIPS 180-4): the store's hash chain and SigV4's payload and canonical-request hashes.
public enum SHA256 {
    public static let byteCount = 32

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        CryptoLibrary.prepare()
        return MessageDigest.hash(bytes, algorithm: EVP_sha256(), byteCount: byteCount, name: "SHA-256")
    }
}
