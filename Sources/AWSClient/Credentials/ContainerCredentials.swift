import Foundation

/// Container credentials (ECS, EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
/// `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, whose host must be a loopback
/// address or one of botocore's allowed hosts unless it is https; the `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each fetch) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// 2 s per attempt, 3 attempts, as botocore's `ContainerMetadataFetcher`.
enum ContainerCredentials {
    static let allowedHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]
    static let lookedAt = "env AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI"

    static func applies(_ environment: AWSEnvironment) -> Bool {
        environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] != nil || environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] != nil
    }

    static func provider(environment: AWSEnvironment, transport: any HTTPTransport, clock: any AWSClock) throws -> any CredentialProvider {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else {
            url = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] ?? ""
            let endpoint = try Endpoint(url)
            guard endpoint.scheme == "https" || allowedHosts.contains(endpoint.host) || isLoopback(endpoint.host) else {
                throw AWSError.credentials(
                    CredentialProblem(
                        kind: .refused,
                        reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI host \(endpoint.host) is not a loopback address or one of "
                            + allowedHosts.sorted().joined(separator: ", "),
                        lookedAt: [lookedAt]))
            }
        }
        return RefreshingCredentials(clock: clock) {
            var headers = HTTPHeaders()
            if let token = try authorization(environment) { headers.set("Authorization", token) }
            let request = try HTTPRequest(method: "GET", url: url, headers: headers)
            let object = try MetadataFetch.json(request, transport: transport, timeout: 2, attempts: 3, what: "container credentials at \(url)")
            return try MetadataFetch.credentials(object, source: .container, what: "container credentials at \(url)")
        }
    }

    static func authorization(_ environment: AWSEnvironment) throws -> String? {
        var token: String?
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AWSError.credentials(
                    CredentialProblem(kind: .missing, reason: "the container authorization token file \(file) cannot be read", lookedAt: [lookedAt]))
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        }
        if let token, token.contains("\r") || token.contains("\n") {
            throw AWSError.credentials(
                CredentialProblem(kind: .refused, reason: "the container authorization token holds a line break", lookedAt: [lookedAt]))
        }
        return token
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }
}

/// Small GETs to a local metadata service (container credentials, IMDS).
enum MetadataFetch {
    static func send(_ request: HTTPRequest, transport: any HTTPTransport, timeout: TimeInterval, attempts: Int, what: String)
        throws -> HTTPResponse
    {
        var last: TransportError = .timeout
        for _ in 0..<max(1, attempts) {
            do {
                let response = try transport.send(request, timeout: timeout, cancellation: nil)
                if response.status >= 500 { last = .connectionLost("HTTP \(response.status)"); continue }
                return response
            } catch let error as TransportError {
                last = error
            }
        }
        throw AWSError.credentials(
            CredentialProblem(kind: .missing, reason: "\(what) did not answer: \(last.detail)", lookedAt: [request.urlString]))
    }

    static func json(_ request: HTTPRequest, transport: any HTTPTransport, timeout: TimeInterval, attempts: Int, what: String)
        throws -> [String: Any]
    {
        let response = try send(request, transport: transport, timeout: timeout, attempts: attempts, what: what)
        guard response.isSuccess else {
            throw AWSError.credentials(
                CredentialProblem(kind: .refused, reason: "\(what) answered HTTP \(response.status)", lookedAt: [request.urlString]))
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw AWSError.credentials(CredentialProblem(kind: .refused, reason: "\(what) did not answer JSON", lookedAt: [request.urlString]))
        }
        return object
    }

    /// `{AccessKeyId, SecretAccessKey, Token, Expiration, AccountId?}` as credentials.
    static func credentials(_ object: [String: Any], source: CredentialSource, what: String) throws -> AWSCredentials {
        guard let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw AWSError.credentials(CredentialProblem(kind: .refused, reason: "\(what) lacks AccessKeyId or SecretAccessKey"))
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: object["Token"] as? String,
            expiration: (object["Expiration"] as? String).flatMap(Timestamp.parseISO8601), accountId: object["AccountId"] as? String,
            source: source)
    }
}
