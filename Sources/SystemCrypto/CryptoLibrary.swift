import COpenSSL

/// libcrypto set up once, before anything else in the process uses it (libcurl included), without
/// its exit-time cleanup. OpenSSL 3 frees its global state in an `atexit` handler: a thread still
/// hashing or signing while the process exits (the demo's in-process endpoint, a source's last
/// request) then crashed inside libcrypto (signal 11, seen once in the test suite). Nothing needs
/// freeing at exit; the system reclaims the memory.
public enum CryptoLibrary {
    private static let initialised: Bool = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil) == 1

    /// Initialises libcrypto (once) unless something already did; every primitive here calls it first.
    public static func prepare() { _ = initialised }
}
