import COpenSSL

/// SHA-1, only to find files other tools named with it (the AWS CLI's SSO token cache): never to
/// protect anything.
public enum SHA1 {
    public static let byteCount = 20

    /// The 20-byte digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        CryptoLibrary.prepare()
        return MessageDigest.hash(bytes, algorithm: EVP_sha1(), byteCount: byteCount, name: "SHA-1")
    }
}
