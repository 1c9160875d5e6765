import Foundation

/// Checks the SigV4 signature of an incoming request with the same canonicalisation code the signer
/// uses — what a local AWS endpoint (vaultwatch's emulator) needs to refuse a request as AWS would.
///
/// Checks, in order: the `Authorization` header and `X-Amz-Date` are complete and well formed
/// (`IncompleteSignature`, 400); the date is within `allowedSkew` of `now` (`RequestExpired`, 400);
/// the access key is known (`InvalidClientTokenId`, 403); the signature matches
/// (`InvalidSignatureException`, 403; also for a scope whose date or service does not fit).
///
/// A request without an `Authorization` header may carry its signature in the query string instead
/// (a presigned URL: `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
/// `X-Amz-SignedHeaders`, `X-Amz-Signature`), as AWS accepts: checked the same way (its body
/// hashed as botocore's `SigV4QueryAuth` does outside S3), and refused once `X-Amz-Expires`
/// seconds have passed.
public struct SigV4Verifier: Sendable {
    /// The signing name requests must be scoped to (`backup`); nil accepts any.
    public let service: String?
    /// AWS's skew window: 15 minutes either side.
    public let allowedSkew: TimeInterval
    private let secretForAccessKey: @Sendable (String) -> String?
    private let doubleEncodePath: Bool

    public init(
        service: String?, allowedSkew: TimeInterval = 15 * 60, doubleEncodePath: Bool = true,
        secretForAccessKey: @escaping @Sendable (String) -> String?
    ) {
        self.service = service
        self.allowedSkew = allowedSkew
        self.doubleEncodePath = doubleEncodePath
        self.secretForAccessKey = secretForAccessKey
    }

    public enum Verdict: Sendable, Equatable {
        case valid(accessKeyId: String, region: String, service: String, sessionToken: String?)
        case refused(Refusal)
    }

    /// Why a request was refused, in AWS's codes, with the status AWS answers.
    public struct Refusal: Sendable, Equatable, CustomStringConvertible {
        public enum Code: String, Sendable {
            case incompleteSignature = "IncompleteSignature"
            case invalidClientTokenId = "InvalidClientTokenId"
            case invalidSignature = "InvalidSignatureException"
            case requestExpired = "RequestExpired"
        }
        public let code: Code
        public let message: String
        public var status: Int {
            switch code {
            case .incompleteSignature, .requestExpired: return 400
            case .invalidClientTokenId, .invalidSignature: return 403
            }
        }
        public var description: String { "\(code.rawValue): \(OutsideText.inert(message))" }
    }

    public func verify(_ request: HTTPRequest, now: Date) -> Verdict {
        func refuse(_ code: Refusal.Code, _ message: String) -> Verdict { .refused(Refusal(code: code, message: message)) }
        guard let authorization = request.headers["Authorization"] else {
            if let presigned = PresignedQuery(request.query) { return verify(presigned, of: request, now: now) }
            return refuse(.incompleteSignature, "Request is missing Authentication Token")
        }
        guard let parsed = ParsedAuthorization(authorization) else {
            return refuse(
                .incompleteSignature,
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters after \(SigV4Canonical.algorithm)")
        }
        guard let amzDate = request.headers["X-Amz-Date"] else {
            return refuse(.incompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header")
        }
        guard let date = AmzDate.parse(amzDate) else {
            return refuse(.incompleteSignature, "X-Amz-Date is not a SigV4 timestamp (YYYYMMDD'T'HHMMSS'Z')")
        }
        guard parsed.signedHeaders.contains("host") else {
            return refuse(.incompleteSignature, "'Host' must be a signed header")
        }
        for name in parsed.signedHeaders where name != "host" && !request.headers.contains(name) {
            return refuse(.incompleteSignature, "signed header '\(name)' is missing from the request")
        }
        if abs(date.timeIntervalSince(now)) > allowedSkew {
            return refuse(
                .requestExpired,
                "Request has expired: the signature date \(amzDate) is more than \(Int(allowedSkew / 60)) minutes from the server time \(AmzDate.format(now))"
            )
        }
        let canonical = SigV4Canonical.canonicalRequest(
            request, signedHeaders: parsed.signedHeaders, doubleEncodePath: doubleEncodePath)
        return check(parsed, amzDate: amzDate, canonicalRequest: canonical, sessionToken: request.headers["X-Amz-Security-Token"])
    }

    /// A presigned URL's signature, from its query string.
    private func verify(_ presigned: PresignedQuery, of request: HTTPRequest, now: Date) -> Verdict {
        func refuse(_ code: Refusal.Code, _ message: String) -> Verdict { .refused(Refusal(code: code, message: message)) }
        guard let parsed = presigned.authorization, let amzDate = presigned.amzDate, let expires = presigned.expires else {
            return refuse(
                .incompleteSignature,
                "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature',"
                    + " 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'")
        }
        guard let date = AmzDate.parse(amzDate) else {
            return refuse(.incompleteSignature, "X-Amz-Date is not a SigV4 timestamp (YYYYMMDD'T'HHMMSS'Z')")
        }
        guard (1...PresignedQuery.longestExpiry).contains(expires) else {
            return refuse(.incompleteSignature, "X-Amz-Expires must be 1 to \(PresignedQuery.longestExpiry) seconds")
        }
        guard parsed.signedHeaders.contains("host") else {
            return refuse(.incompleteSignature, "'Host' must be a signed header")
        }
        for name in parsed.signedHeaders where name != "host" && !request.headers.contains(name) {
            return refuse(.incompleteSignature, "signed header '\(name)' is missing from the request")
        }
        if date.timeIntervalSince(now) > allowedSkew {
            return refuse(.requestExpired, "Request is not yet valid: it was signed for \(amzDate), the server time is \(AmzDate.format(now))")
        }
        if now.timeIntervalSince(date) > TimeInterval(expires) {
            return refuse(
                .requestExpired, "Request has expired: signed at \(amzDate) for \(expires) seconds, the server time is \(AmzDate.format(now))")
        }
        var signed = request
        signed.query = presigned.queryWithoutSignature
        let canonical = SigV4Canonical.canonicalRequest(signed, signedHeaders: parsed.signedHeaders, doubleEncodePath: doubleEncodePath)
        return check(parsed, amzDate: amzDate, canonicalRequest: canonical, sessionToken: presigned.sessionToken)
    }

    /// What both ways of signing share once the request is complete and in time: the key is known,
    /// the scope fits, and the signature is the one its secret makes.
    private func check(_ parsed: ParsedAuthorization, amzDate: String, canonicalRequest canonical: String, sessionToken: String?)
        -> Verdict
    {
        func refuse(_ code: Refusal.Code, _ message: String) -> Verdict { .refused(Refusal(code: code, message: message)) }
        guard let secret = secretForAccessKey(parsed.accessKeyId) else {
            return refuse(.invalidClientTokenId, "The security token included in the request is invalid.")
        }
        guard parsed.date == String(amzDate.prefix(8)) else {
            return refuse(.invalidSignature, "Credential scope date \(parsed.date) does not match X-Amz-Date \(amzDate)")
        }
        if let service, parsed.service != service {
            return refuse(.invalidSignature, "Credential should be scoped to correct service: '\(service)'.")
        }
        let scope = SigV4Canonical.credentialScope(date: amzDate, region: parsed.region, service: parsed.service)
        let toSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical)
        let key = SigV4Canonical.signingKey(secret: secret, date: amzDate, region: parsed.region, service: parsed.service)
        let expected = SigV4Canonical.signature(stringToSign: toSign, key: key)
        guard constantTimeEqual(expected, parsed.signature.lowercased()) else {
            return refuse(
                .invalidSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
            )
        }
        return .valid(accessKeyId: parsed.accessKeyId, region: parsed.region, service: parsed.service, sessionToken: sessionToken)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// `AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/backup/aws4_request, SignedHeaders=a;b, Signature=hex`.
struct ParsedAuthorization {
    let accessKeyId: String
    let date: String
    let region: String
    let service: String
    let signedHeaders: [String]
    let signature: String

    init?(_ header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix(SigV4Canonical.algorithm + " ") else { return nil }
        var fields = [String: String]()
        for part in text.dropFirst(SigV4Canonical.algorithm.count + 1).split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let eq = item.firstIndex(of: "=") else { return nil }
            fields[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"]
        else { return nil }
        self.init(credential: credential, signedHeaders: signed, signature: signature)
    }

    /// From the three parts, wherever they were carried (the header, or a presigned URL's query).
    init?(credential: String, signedHeaders signed: String, signature: String) {
        guard !signature.isEmpty, !signed.isEmpty else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty, scope[1].count == 8 else { return nil }
        accessKeyId = scope[0]
        date = scope[1]
        region = scope[2]
        service = scope[3]
        signedHeaders = signed.split(separator: ";").map { $0.lowercased() }
        self.signature = signature
    }
}

/// A presigned URL's query string: its `X-Amz-*` parameters, percent-decoded, and the query it
/// signed (all of it but `X-Amz-Signature`, as sent). Nil when the query carries no signature.
struct PresignedQuery {
    /// AWS's limit on `X-Amz-Expires`: seven days.
    static let longestExpiry = 7 * 24 * 3600

    let authorization: ParsedAuthorization?
    let amzDate: String?
    let expires: Int?
    let sessionToken: String?
    let queryWithoutSignature: String

    init?(_ rawQuery: String) {
        var values: [String: String] = [:]
        var kept: [Substring] = []
        for pair in rawQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            if name.hasPrefix("X-Amz-") {
                values[name] = parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
            if name != "X-Amz-Signature" { kept.append(pair) }
        }
        guard values["X-Amz-Signature"] != nil || values["X-Amz-Algorithm"] != nil else { return nil }
        authorization =
            values["X-Amz-Algorithm"] == SigV4Canonical.algorithm
            ? values["X-Amz-Credential"].flatMap { credential in
                values["X-Amz-SignedHeaders"].flatMap { signed in
                    values["X-Amz-Signature"].flatMap { ParsedAuthorization(credential: credential, signedHeaders: signed, signature: $0) }
                }
            } : nil
        amzDate = values["X-Amz-Date"]
        expires = values["X-Amz-Expires"].flatMap { Int($0) }
        sessionToken = values["X-Amz-Security-Token"]
        queryWithoutSignature = kept.joined(separator: "&")
    }
}
