import Foundation
import Glibc
import SystemCrypto

/// The private key that signs the store's digests (Ed25519). It lives outside every store, in the
/// user's configuration directory, mode 0600 (`$XDG_CONFIG_HOME/vaultwatch/digest-key.pem`), as a
/// PKCS#8 PEM `PRIVATE KEY` that OpenSSL reads too. Whoever can read it can forge digests: a key
/// file that is not the user's own, or that others can read, is refused.
public struct DigestKey: Sendable {
    let key: Ed25519.PrivateKey
    /// Where the newest digest signed for each store is kept (`digest-heads/` beside the key file);
    /// nil for a key that lives in memory only.
    public var heads: DigestHeads?

    public var publicKey: DigestPublicKey { DigestPublicKey(key.publicKey) }

    /// Where the key lives: `$XDG_CONFIG_HOME/vaultwatch/digest-key.pem`, or under
    /// `$HOME/.config` when XDG_CONFIG_HOME is unset or not absolute.
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
            .appendingPathComponent(".config")
        return config.appendingPathComponent("vaultwatch").appendingPathComponent("digest-key.pem")
    }

    /// Where the key at `file` keeps the newest digest it signed for each store.
    public static func heads(besideKeyAt file: URL) -> DigestHeads {
        DigestHeads(folder: file.deletingLastPathComponent().appendingPathComponent("digest-heads"))
    }

    /// A new random key (for tests; stores get theirs from `loadOrCreate`).
    public init() throws(DigestKeyError) {
        do {
            key = try Ed25519.PrivateKey.random()
        } catch {
            throw DigestKeyError("cannot make a digest key: \(error)")
        }
    }

    init(seed: SecretBytes) throws(DigestKeyError) {
        do {
            key = try Ed25519.PrivateKey(seed: seed)
        } catch {
            throw DigestKeyError("not an Ed25519 private key: \(error)")
        }
    }

    /// The key at `file`, made (with its folder, 0700) when there is none. Several processes
    /// making it at once end with one key: each writes a whole key to a file of its own and links
    /// it into place, which only the first link does; the others read the key that won.
    public static func loadOrCreate(at file: URL) throws(DigestKeyError) -> (key: DigestKey, created: Bool) {
        if let key = try load(at: file) { return (key, false) }
        let path = file.path
        makeFolders((path as NSString).deletingLastPathComponent)
        let temp = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).new"
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
        guard fd >= 0 else { throw DigestKeyError("cannot create the digest key \(path): \(osReason(errno))") }
        defer { _ = unlink(temp) }
        var key = try DigestKey()
        key.heads = heads(besideKeyAt: file)
        var bytes = try key.pemBytes()
        defer { SecretBytes.wipe(&bytes) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = written == bytes.count && fsync(fd) == 0
        let code = errno
        close(fd)
        guard synced else { throw DigestKeyError("cannot write the digest key \(path): \(osReason(code))") }
        guard link(temp, path) == 0 else {
            guard errno == EEXIST, let winner = try load(at: file) else {
                throw DigestKeyError("cannot create the digest key \(path): \(osReason(errno))")
            }
            return (winner, false)
        }
        return (key, true)
    }

    /// The key at `file`, or nil when there is none. Never creates anything.
    public static func load(at file: URL) throws(DigestKeyError) -> DigestKey? {
        let path = file.path
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw DigestKeyError("refusing the digest key \(path): it is a symbolic link") }
            throw DigestKeyError("cannot read the digest key \(path): \(osReason(code))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw DigestKeyError("refusing the digest key \(path): it is not a regular file")
        }
        guard UInt32(st.st_uid) == geteuid() else {
            throw DigestKeyError(
                "refusing the digest key \(path): it belongs to uid \(st.st_uid), not to you (uid \(geteuid())),"
                    + " so someone else could sign digests with it")
        }
        let mode = UInt32(st.st_mode) & 0o7777
        guard mode & 0o077 == 0 else {
            throw DigestKeyError(
                "refusing the digest key \(path): it is \(Permissions.octal(mode)), so others could read it and forge"
                    + " digests; make a new one (remove it) or narrow it: chmod 600 \(Permissions.quoted(path))")
        }
        var bytes = [UInt8](repeating: 0, count: 4096)
        defer { SecretBytes.wipe(&bytes) }
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw DigestKeyError("the digest key \(path) is empty") }
        guard var der = PEM.decode(bytes[..<n], label: "PRIVATE KEY") else {
            throw DigestKeyError("the digest key \(path) is not an Ed25519 PRIVATE KEY in PEM")
        }
        defer { SecretBytes.wipe(&der) }
        guard der.count == pkcs8Prefix.count + Ed25519.seedByteCount, der.starts(with: pkcs8Prefix) else {
            throw DigestKeyError("the digest key \(path) is not an Ed25519 PRIVATE KEY in PEM")
        }
        do throws(DigestKeyError) {
            var key = try DigestKey(seed: SecretBytes.copying(der[pkcs8Prefix.count...]))
            key.heads = heads(besideKeyAt: file)
            return key
        } catch {
            throw DigestKeyError("the digest key \(path): \(error)")
        }
    }

    /// Signs `message`.
    func sign(_ message: [UInt8]) throws(DigestKeyError) -> [UInt8] {
        do {
            return try key.signature(for: message)
        } catch {
            throw DigestKeyError("cannot sign a digest: \(error)")
        }
    }

    /// The key file's bytes: PKCS#8 in PEM (RFC 8410), which OpenSSL reads. The caller wipes them
    /// (`SecretBytes.wipe`) once written.
    func pemBytes() throws(DigestKeyError) -> [UInt8] {
        let seed: SecretBytes
        do {
            seed = try key.seed()
        } catch {
            throw DigestKeyError("cannot write the digest key: \(error)")
        }
        var der = [UInt8](repeating: 0, count: Self.pkcs8Prefix.count + seed.count)
        defer { SecretBytes.wipe(&der) }
        der.withUnsafeMutableBytes { out in
            out.copyBytes(from: Self.pkcs8Prefix)
            seed.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[Self.pkcs8Prefix.count...]).copyMemory(from: $0) }
        }
        return PEM.encode(der, label: "PRIVATE KEY")
    }

    /// The DER of an Ed25519 PKCS#8 private key before its 32-byte seed.
    static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    /// mkdir -p with 0700 for what it creates.
    private static func makeFolders(_ path: String) {
        guard !path.isEmpty, mkdir(path, 0o700) != 0, errno == ENOENT else { return }
        makeFolders((path as NSString).deletingLastPathComponent)
        _ = mkdir(path, 0o700)
    }
}
