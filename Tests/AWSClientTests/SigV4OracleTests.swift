import AWSClient
import TestSupport
import Foundation
import Testing

/// Generated requests built by botocore's own serializers and signed by botocore's SigV4Auth: the
/// Swift request builders must produce the same request and the Swift signer the same canonical
/// request and Authorization header.
@Suite struct SigV4OracleTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    struct Case {
        let json: [String: Any]
        var string: (String) -> String { { (json[$0] as? String) ?? "" } }
        var headers: HTTPHeaders {
            HTTPHeaders(((json["headers"] as? [[String]]) ?? []).map { (name: $0[0], value: $0[1]) })
        }
        var body: Data { Data(base64Encoded: string("body_b64")) ?? Data() }
        var token: String? { json["token"] as? String }
        var date: Date { AmzDate.parse(string("amz_date"))! }
    }

    static func cases(seed: Int, count: Int) throws -> [Case] {
        let data = try python([Resources.oracle, "generate", String(seed), String(count)])
        return try data.split(separator: UInt8(ascii: "\n")).map {
            Case(json: try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any])
        }
    }

    /// The request the Swift builders make for a generated case (raw cases: by URL).
    static func build(_ c: Case) throws -> HTTPRequest {
        let url = c.string("url")
        let parsed = try Endpoint(url)
        let endpoint = Endpoint(scheme: parsed.scheme, host: parsed.host, port: parsed.port)
        let operation: AWSOperation
        switch c.string("protocol") {
        case "rest-json":
            let method = c.string("method")
            let labels = (c.json["labels"] as? [String: String]) ?? [:]
            let query = ((c.json["query"] as? [[String]]) ?? []).map { ($0[0], $0[1]) }
            operation = try AWSOperation.restJSON(
                .backup, c.string("operation"), method: method, path: c.string("template"), labels: labels, query: query,
                body: c.body.isEmpty ? nil : c.body)
        case "json":
            let version: AWSOperation.JSONVersion = c.string("version") == "1.0" ? .v1_0 : .v1_1
            operation = AWSOperation.json(
                .sqs, c.string("operation"), version: version, targetPrefix: c.string("target_prefix"), body: c.body,
                queryCompatible: (c.json["query_compatible"] as? Bool) ?? false)
        case "query":
            let params = ((c.json["params"] as? [[String]]) ?? []).map { ($0[0], $0[1]) }
            operation = .query(.sts, c.string("operation"), version: STS.version, parameters: params)
        default:
            return try HTTPRequest(method: c.string("method"), url: url, headers: c.headers, body: c.body)
        }
        return HTTPRequest(
            method: operation.method, scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
            path: endpoint.basePath + operation.path, query: operation.query, headers: operation.headers, body: operation.body)
    }

    static func lowered(_ headers: HTTPHeaders) -> [String] {
        headers.map { "\($0.name.lowercased()): \($0.value)" }.sorted()
    }

    @Test func moreThanAThousandGeneratedRequestsSignExactlyAsBotocore() throws {
        let cases = try Self.cases(seed: 20_261_203, count: 1_200)
        #expect(cases.count >= 1_000)
        var checked = 0
        for c in cases {
            let request = try Self.build(c)
            let label = "\(c.string("protocol")) \(c.string("operation")) \(c.string("url"))"
            #expect(request.urlString == c.string("url"), "URL differs for \(label)")
            #expect(request.body == c.body, "body differs for \(label)")
            #expect(Self.lowered(request.headers) == Self.lowered(c.headers), "headers before signing differ for \(label)")
            let credentials = AWSCredentials(
                accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: c.token, source: .supplied)
            let signed = SigV4Signer(service: c.string("service"), region: c.string("region")).sign(
                request, credentials: credentials, at: c.date)
            #expect(signed.canonicalRequest == c.string("canonical_request"), "canonical request differs for \(label)")
            #expect(signed.request.headers["Authorization"] == c.string("authorization"), "Authorization differs for \(label)")
            checked += 1
        }
        #expect(checked == cases.count)
    }

    @Test func theVerifierAcceptsBotocoreSignedRequestsAndRefusesTamperedOnes() throws {
        let cases = try Self.cases(seed: 42, count: 300)
        let verifier = SigV4Verifier(service: nil) { $0 == "AKIDEXAMPLE" ? Self.secret : nil }
        let wrongSecret = SigV4Verifier(service: nil) { _ in "not-the-secret" }
        let nobodyKnown = SigV4Verifier(service: nil) { _ in nil }
        for c in cases {
            var request = try HTTPRequest(method: c.string("method"), url: c.string("url"), headers: c.headers, body: c.body)
            request.headers.set("X-Amz-Date", c.string("amz_date"))
            if let token = c.token { request.headers.set("X-Amz-Security-Token", token) }
            request.headers.set("Authorization", c.string("authorization"))
            let label = c.string("url")
            guard case .valid(let key, let region, let service, let token) = verifier.verify(request, now: c.date) else {
                Issue.record("botocore-signed request refused: \(label) \(verifier.verify(request, now: c.date))")
                continue
            }
            #expect(key == "AKIDEXAMPLE" && region == c.string("region") && service == c.string("service") && token == c.token)
            #expect(verifier.verify(request, now: c.date.addingTimeInterval(14 * 60)) == verifier.verify(request, now: c.date))
            #expect(refusal(wrongSecret.verify(request, now: c.date)) == .invalidSignature)
            #expect(refusal(nobodyKnown.verify(request, now: c.date)) == .invalidClientTokenId)
            #expect(refusal(verifier.verify(request, now: c.date.addingTimeInterval(16 * 60))) == .requestExpired)
            #expect(refusal(verifier.verify(request, now: c.date.addingTimeInterval(-16 * 60))) == .requestExpired)
            var noDate = request
            noDate.headers.remove("X-Amz-Date")
            #expect(refusal(verifier.verify(noDate, now: c.date)) == .incompleteSignature)
            var noAuthorization = request
            noAuthorization.headers.remove("Authorization")
            #expect(refusal(verifier.verify(noAuthorization, now: c.date)) == .incompleteSignature)
            if c.token != nil {
                var noToken = request
                noToken.headers.remove("X-Amz-Security-Token")
                #expect(refusal(verifier.verify(noToken, now: c.date)) == .incompleteSignature)
            }
            var otherBody = request
            otherBody.body = request.body + Data("x".utf8)
            #expect(refusal(verifier.verify(otherBody, now: c.date)) == .invalidSignature)
        }
    }

    func refusal(_ verdict: SigV4Verifier.Verdict) -> SigV4Verifier.Refusal.Code? {
        if case .refused(let refusal) = verdict { return refusal.code }
        return nil
    }
}
