/// Ed25519 signatures (RFC 8032, pure Ed25519): the store's signed digests.
public enum Ed25519 {
    public static let seedByteCount = 32
    public static let publicKeyByteCount = 32
    public static let signatureByteCount = 64
}
