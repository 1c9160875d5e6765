import Foundation

/// One call of an AWS operation, already serialised for its protocol: what the client signs and sends.
public struct AWSOperation: Sendable {
    public enum WireProtocol: String, Sendable {
        case restJSON = "rest-json"
        case json = "json"
        case query = "query"
    }

    public let service: AWSService
    /// The operation's name (`ListBackupVaults`), used in every error line.
    public let name: String
    public let wireProtocol: WireProtocol
    public var method: String
    /// Raw, percent-encoded path relative to the endpoint (`/backup-vaults/`).
    public var path: String
    /// Raw, percent-encoded query, without `?`.
    public var query: String
    public var headers: HTTPHeaders
    public var body: Data
    /// False for the calls AWS authorises otherwise (SSO portal bearer token, OIDC CreateToken,
    /// AssumeRoleWithWebIdentity).
    public var signed: Bool
    /// The documented rate limit this call counts against.
    public var rateLimit: RateLimit?

    public init(
        service: AWSService, name: String, wireProtocol: WireProtocol, method: String, path: String, query: String = "",
        headers: HTTPHeaders = [:], body: Data = Data(), signed: Bool = true
    ) {
        self.service = service
        self.name = name
        self.wireProtocol = wireProtocol
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.signed = signed
        rateLimit = RateLimit.defaultLimit(service: service, operation: name)
    }

    /// A REST-JSON call. `path` is the model's `requestUri` template: `{name}` labels are encoded with
    /// AWS's alphabet (an ARN's `:` and `/` become `%3A`, `%2F`), `{name+}` (greedy) labels keep `/`.
    /// A query in the template (`/tags/{arn}?type=x`) is kept. `query` pairs are encoded and appended in
    /// order; `body`, when given, is sent as `application/json`. A missing label is a configuration error.
    public static func restJSON(
        _ service: AWSService, _ name: String, method: String, path template: String, labels: [String: String] = [:],
        query: [(String, String)] = [], body: Data? = nil, headers: HTTPHeaders = [:]
    ) throws -> AWSOperation {
        var path = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            path += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw AWSError.configuration("\(name): path template \(template) has an unclosed label")
            }
            var label = String(rest[rest.index(after: open)..<close])
            let greedy = label.hasSuffix("+")
            if greedy { label.removeLast() }
            guard let value = labels[label], !value.isEmpty else {
                throw AWSError.configuration("\(name): the path label \(label) needs a value")
            }
            path += URIEncoding.encode(value, keeping: greedy ? "/" : "")
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        var rawQuery = ""
        if let mark = path.firstIndex(of: "?") {
            rawQuery = String(path[path.index(after: mark)...])
            path = String(path[..<mark])
        }
        let encoded = URIEncoding.formEncode(query)
        if !encoded.isEmpty { rawQuery = rawQuery.isEmpty ? encoded : rawQuery + "&" + encoded }
        var allHeaders = headers
        if let body, !body.isEmpty { allHeaders.set("Content-Type", "application/json") }
        return AWSOperation(
            service: service, name: name, wireProtocol: .restJSON, method: method, path: path, query: rawQuery,
            headers: allHeaders, body: body ?? Data())
    }

    /// The AWS JSON protocol versions.
    public enum JSONVersion: String, Sendable {
        case v1_0 = "1.0"
        case v1_1 = "1.1"
    }

    /// A JSON 1.0/1.1 call: `POST /`, `X-Amz-Target: <targetPrefix>.<name>`, body `{}` when empty.
    /// `queryCompatible` adds SQS's `x-amzn-query-mode: true`.
    public static func json(
        _ service: AWSService, _ name: String, version: JSONVersion, targetPrefix: String, body: Data = Data("{}".utf8),
        queryCompatible: Bool = false
    ) -> AWSOperation {
        var headers: HTTPHeaders = [
            "X-Amz-Target": "\(targetPrefix).\(name)", "Content-Type": "application/x-amz-json-\(version.rawValue)",
        ]
        if queryCompatible { headers.add("x-amzn-query-mode", "true") }
        return AWSOperation(
            service: service, name: name, wireProtocol: .json, method: "POST", path: "/", headers: headers,
            body: body.isEmpty ? Data("{}".utf8) : body)
    }

    /// A JSON 1.0/1.1 call whose input is an `Encodable` value.
    public static func json<Input: Encodable>(
        _ service: AWSService, _ name: String, version: JSONVersion, targetPrefix: String, input: Input,
        queryCompatible: Bool = false
    ) throws -> AWSOperation {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let body = try? encoder.encode(input) else {
            throw AWSError.configuration("\(name): the input could not be encoded as JSON")
        }
        return json(service, name, version: version, targetPrefix: targetPrefix, body: body, queryCompatible: queryCompatible)
    }

    /// A Query-protocol call (STS): `POST /`, form body `Action=…&Version=…&…` in the order given.
    public static func query(_ service: AWSService, _ name: String, version: String, parameters: [(String, String)] = [])
        -> AWSOperation
    {
        let body = URIEncoding.formEncode([("Action", name), ("Version", version)] + parameters, spaceAsPlus: true)
        return AWSOperation(
            service: service, name: name, wireProtocol: .query, method: "POST", path: "/",
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"], body: Data(body.utf8))
    }
}
