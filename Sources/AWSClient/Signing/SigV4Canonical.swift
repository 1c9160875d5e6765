import Foundation
import SystemCrypto

/// The pieces of a SigV4 signature, shared by the signer and the verifier so both canonicalise a
/// request with the same code (botocore `SigV4Auth`, `botocore/auth.py`).
public enum SigV4Canonical {
    public static let algorithm = "AWS4-HMAC-SHA256"
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Headers never signed (botocore `SIGNED_HEADERS_BLACKLIST`).
    public static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The canonical URI: dot segments removed, then the raw (already encoded) path encoded again
    /// with `/` kept — so `%3A` becomes `%253A`. S3 signs the path as it is (`doubleEncode: false`).
    public static func canonicalURI(rawPath: String, doubleEncode: Bool = true) -> String {
        let normalized = rawPath.isEmpty ? "/" : URIEncoding.removeDotSegments(rawPath)
        guard doubleEncode else { return normalized.isEmpty ? "/" : normalized }
        let encoded = URIEncoding.encode(normalized, keeping: "/")
        return encoded.isEmpty ? "/" : encoded
    }

    /// The canonical query: the raw `k=v` pairs sorted by key then value (bytewise), not re-encoded.
    public static func canonicalQuery(rawQuery: String) -> String {
        guard !rawQuery.isEmpty else { return "" }
        let pairs = rawQuery.split(separator: "&", omittingEmptySubsequences: false).map { pair -> (String, String) in
            if let eq = pair.firstIndex(of: "=") {
                return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
            }
            return (String(pair), "")
        }
        return pairs.sorted { a, b in
            a.0 == b.0 ? a.1.utf8.lexicographicallyPrecedes(b.1.utf8) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
        }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// The names botocore signs for `headers`: every header except the unsigned ones, lower-cased,
    /// plus `host`.
    public static func signedHeaderNames(_ headers: HTTPHeaders) -> [String] {
        var names = Set(headers.map { $0.name.lowercased() }).subtracting(unsignedHeaders)
        names.insert("host")
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `name:value` lines for `names` (sorted), values whitespace-collapsed and repeated values
    /// joined by `,`; `host` falls back to `hostHeader` when the request carries none.
    public static func canonicalHeaders(_ headers: HTTPHeaders, names: [String], hostHeader: String) -> String {
        names.map { name -> String in
            var values = headers.values(name)
            if values.isEmpty && name == "host" { values = [hostHeader] }
            return "\(name):" + values.map(trimAll).joined(separator: ",")
        }.joined(separator: "\n")
    }

    /// Python's `' '.join(value.split())`: runs of whitespace become one space, ends trimmed.
    public static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func payloadHash(_ body: Data) -> String {
        body.isEmpty ? emptyPayloadHash : hex(SHA256.hash(body))
    }

    /// The canonical request for `request` signing `names`.
    public static func canonicalRequest(
        _ request: HTTPRequest, signedHeaders names: [String], doubleEncodePath: Bool = true
    ) -> String {
        let payload = request.headers["x-amz-content-sha256"] ?? payloadHash(request.body)
        return [
            request.method.uppercased(),
            canonicalURI(rawPath: request.path, doubleEncode: doubleEncodePath),
            canonicalQuery(rawQuery: request.query),
            canonicalHeaders(request.headers, names: names, hostHeader: request.hostHeader) + "\n",
            names.joined(separator: ";"),
            payload,
        ].joined(separator: "\n")
    }

    public static func credentialScope(date amzDate: String, region: String, service: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    public static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, hex(SHA256.hash(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`, each
    /// key wiped once the next is made ("AWS4"+secret is copied straight from the secret's own bytes).
    public static func signingKey(secret: String, date: String, region: String, service: String) -> SecretBytes {
        let prefix = "AWS4".utf8
        var key = SecretBytes(count: prefix.count + secret.utf8.count) { bytes in
            bytes.copyBytes(from: prefix)
            UnsafeMutableRawBufferPointer(rebasing: bytes[prefix.count...]).copyBytes(from: secret.utf8)
        }
        for part in [String(date.prefix(8)), region, service, "aws4_request"] {
            key = HMACSHA256.derivedKey(for: part.utf8, key: key)
        }
        return key
    }

    public static func signature(stringToSign: String, key: SecretBytes) -> String {
        hex(HMACSHA256.authenticationCode(for: stringToSign.utf8, key: key))
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
