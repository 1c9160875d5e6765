import Foundation

/// Checks the SigV4 signature of an incoming request with the same canonicalisation code the signer
/// uses — what a local AWS endpoint (vaultwatch's emulator) needs to refuse a request as AWS would.
///
/// Checks, in order: the `Authorization` header and `X-Amz-Date` are complete and well formed
/// (`IncompleteSignature`, 400); the date is within `allowedSkew` of `now` (`RequestExpired`, 400);
/// the access key is known (`InvalidClientTokenId`, 403); the signature matches
/// (`InvalidSignatureException`, 403; also for a scope whose date or service does not fit).
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
        guard let secret = secretForAccessKey(parsed.accessKeyId) else {
            return refuse(.invalidClientTokenId, "The security token included in the request is invalid.")
        }
        guard parsed.date == String(amzDate.prefix(8)) else {
            return refuse(.invalidSignature, "Credential scope date \(parsed.date) does not match X-Amz-Date \(amzDate)")
        }
        if let service, parsed.service != service {
            return refuse(.invalidSignature, "Credential should be scoped to correct service: '\(service)'.")
        }
        let canonical = SigV4Canonical.canonicalRequest(
            request, signedHeaders: parsed.signedHeaders, doubleEncodePath: doubleEncodePath)
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
        return .valid(
            accessKeyId: parsed.accessKeyId, region: parsed.region, service: parsed.service,
            sessionToken: request.headers["X-Amz-Security-Token"])
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
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"], !signature.isEmpty, !signed.isEmpty
        else { return nil }
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
