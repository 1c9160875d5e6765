import Foundation

/// Signs requests with SigV4 (`AWS4-HMAC-SHA256`) byte for byte as botocore does: it sets
/// `X-Amz-Date`, `X-Amz-Security-Token` (signed) when the credentials carry a session token, and
/// `Authorization`, signing every header present at that moment except botocore's unsigned ones.
/// Headers added afterwards (`Content-Length`, `User-Agent`) travel unsigned.
public struct SigV4Signer: Sendable {
    /// The signing name (`backup`, `sts`, `events`, `sqs`, …).
    public let service: String
    public let region: String
    /// Whether the canonical URI encodes the raw path again (every service but S3).
    public let doubleEncodePath: Bool

    public init(service: String, region: String, doubleEncodePath: Bool = true) {
        self.service = service
        self.region = region
        self.doubleEncodePath = doubleEncodePath
    }

    /// What signing produced, for tests and debugging (no secret in any of it).
    public struct Signed: Sendable {
        public let request: HTTPRequest
        public let canonicalRequest: String
        public let stringToSign: String
        public let signature: String
    }

    /// `request` signed with `credentials` at `date`.
    public func sign(_ request: HTTPRequest, credentials: AWSCredentials, at date: Date) -> Signed {
        var request = request
        let amzDate = AmzDate.format(date)
        request.headers.remove("Authorization")
        request.headers.remove("Date")
        request.headers.set("X-Amz-Date", amzDate)
        if let token = credentials.sessionToken {
            request.headers.set("X-Amz-Security-Token", token)
        }
        let names = SigV4Canonical.signedHeaderNames(request.headers)
        let canonical = SigV4Canonical.canonicalRequest(request, signedHeaders: names, doubleEncodePath: doubleEncodePath)
        let scope = SigV4Canonical.credentialScope(date: amzDate, region: region, service: service)
        let toSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical)
        let key = SigV4Canonical.signingKey(secret: credentials.secretAccessKey, date: amzDate, region: region, service: service)
        let signature = SigV4Canonical.signature(stringToSign: toSign, key: key)
        request.headers.set(
            "Authorization",
            "\(SigV4Canonical.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
                + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)")
        return Signed(request: request, canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }
}
