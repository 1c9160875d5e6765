import Crypto
import Foundation

/// The public half of the digest signing key (Ed25519): what checks a digest's signature, kept
/// wherever the digests are kept. Written and read as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo,
/// as `openssl pkey -pubout` writes it), or as the bare 32 bytes in base64.
public struct DigestPublicKey: Sendable, Equatable, CustomStringConvertible {
    let key: Curve25519.Signing.PublicKey
    /// The 32 raw bytes.
    public let raw: [UInt8]

    init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
        raw = Array(key.rawRepresentation)
    }

    public static func == (a: DigestPublicKey, b: DigestPublicKey) -> Bool { a.raw == b.raw }

    /// Reads a key given as a PEM `PUBLIC KEY` or as base64 of its 32 raw bytes.
    public init(text: String) throws(DigestKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes: [UInt8]
        if trimmed.hasPrefix("-----BEGIN PUBLIC KEY-----") {
            guard let der = PEM.decode(trimmed, label: "PUBLIC KEY"), der.count == Self.spkiPrefix.count + 32,
                Array(der.prefix(Self.spkiPrefix.count)) == Self.spkiPrefix
            else { throw DigestKeyError("not an Ed25519 public key in PEM") }
            bytes = Array(der.suffix(32))
        } else {
            guard let decoded = Data(base64Encoded: trimmed), decoded.count == 32 else {
                throw DigestKeyError("not an Ed25519 public key (a PEM PUBLIC KEY, or 32 bytes in base64)")
            }
            bytes = Array(decoded)
        }
        do {
            self.init(try Curve25519.Signing.PublicKey(rawRepresentation: bytes))
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
    public var pem: String { PEM.encode(Self.spkiPrefix + raw, label: "PUBLIC KEY") }

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

/// PEM armour: base64 in lines of 64 between BEGIN and END lines.
enum PEM {
    static func encode(_ der: [UInt8], label: String) -> String {
        let text = Data(der).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }

    static func decode(_ text: String, label: String) -> [UInt8]? {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let from = text.range(of: begin), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else {
            return nil
        }
        let body = text[from.upperBound..<to.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map(Array.init)
    }
}
