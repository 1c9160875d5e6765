import Foundation
import SystemCrypto

/// The public half of the digest signing key (Ed25519): what checks a digest's signature, kept
/// wherever the digests are kept. Written and read as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo,
/// as `openssl pkey -pubout` writes it), or as the bare 32 bytes in base64.
public struct DigestPublicKey: Sendable, Equatable, CustomStringConvertible {
    let key: Ed25519.PublicKey
    /// The 32 raw bytes.
    public var raw: [UInt8] { key.raw }

    init(_ key: Ed25519.PublicKey) { self.key = key }

    /// Reads a key given as a PEM `PUBLIC KEY` or as base64 of its 32 raw bytes.
    public init(text: String) throws(DigestKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes: [UInt8]
        if trimmed.hasPrefix("-----BEGIN PUBLIC KEY-----") {
            guard let der = PEM.decode(Array(trimmed.utf8)[...], label: "PUBLIC KEY"),
                der.count == Self.spkiPrefix.count + Ed25519.publicKeyByteCount, der.starts(with: Self.spkiPrefix)
            else { throw DigestKeyError("not an Ed25519 public key in PEM") }
            bytes = Array(der.suffix(Ed25519.publicKeyByteCount))
        } else {
            guard let decoded = Data(base64Encoded: trimmed), decoded.count == Ed25519.publicKeyByteCount else {
                throw DigestKeyError("not an Ed25519 public key (a PEM PUBLIC KEY, or 32 bytes in base64)")
            }
            bytes = Array(decoded)
        }
        do {
            self.init(try Ed25519.PublicKey(raw: bytes))
        } catch {
            throw DigestKeyError("not an Ed25519 public key: \(error)")
        }
    }

    /// The 32 bytes in base64, as digests name their key.
    public var base64: String { Data(raw).base64EncodedString() }

    /// `ed25519:` and the first 16 hex digits of the SHA-256 of the key: short enough to compare by eye.
    public var fingerprint: String {
        "ed25519:" + ChainHash.of(raw[...]).prefix(16)
    }

    public var description: String { fingerprint }

    /// SubjectPublicKeyInfo in PEM, which OpenSSL reads.
    public var pem: String { String(decoding: PEM.encode(Self.spkiPrefix + raw, label: "PUBLIC KEY"), as: UTF8.self) }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    /// The DER of an Ed25519 SubjectPublicKeyInfo before its 32 key bytes (RFC 8410).
    static let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
}

/// Why a digest key could not be read, made or used.
public struct DigestKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
