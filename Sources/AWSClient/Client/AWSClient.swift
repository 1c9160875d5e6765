import Foundation

/// Sends AWS operations as the AWS CLI would: resolves the endpoint, takes credentials from the
/// chain, signs with SigV4, sends over the transport, retries as botocore's standard mode, honours
/// per-operation rate limits, and turns every failure into a typed `AWSError`.
///
/// Blocking and thread-safe: call `send` from your own Dispatch queue; several queues may share one
/// client. A `CancellationHandle` abandons a call (and its retry waits) from another thread.
public final class AWSClient: Sendable {
    public let configuration: AWSConfiguration
    public let credentials: any CredentialProvider
    public let transport: any HTTPTransport
    public let clock: any AWSClock
    public let sleeper: any Sleeper
    public let rateLimiter: RateLimiter
    public let retryQuota: RetryQuota
    private let random: @Sendable () -> Double
    private let userAgent = "vaultwatch AWSClient (botocore-compatible; standard retries)"

    /// A client for `configuration`. Without `credentials`, the AWS CLI's credential chain for the
    /// configuration's profile is used.
    public init(
        configuration: AWSConfiguration, credentials: (any CredentialProvider)? = nil,
        transport: (any HTTPTransport)? = nil, clock: any AWSClock = SystemClock(), sleeper: any Sleeper = SystemSleeper(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, rateLimiter: RateLimiter = RateLimiter(),
        retryQuota: RetryQuota = RetryQuota()
    ) {
        let transport = transport ?? CurlTransport(configuration: configuration)
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.sleeper = sleeper
        self.random = random
        self.rateLimiter = rateLimiter
        self.retryQuota = retryQuota
        self.credentials = credentials ?? CredentialChain(configuration: configuration, transport: transport, clock: clock)
    }

    /// Sends `operation` and returns its successful answer.
    /// - Parameters:
    ///   - region: overrides the configuration's region for this call.
    ///   - timeout: bounds each attempt (an SQS 20 s long poll wants ~30 s).
    ///   - useExplicitEndpoint: false for calls that must ignore `--endpoint-url` (the credential chain's STS).
    public func send(
        _ operation: AWSOperation, region: String? = nil, timeout: TimeInterval = 30, cancellation: CancellationHandle? = nil,
        useExplicitEndpoint: Bool = true
    ) throws(AWSError) -> AWSResponse {
        do {
            return try perform(operation, region: region, timeout: timeout, cancellation: cancellation, explicit: useExplicitEndpoint)
        } catch let error as AWSError {
            throw error
        } catch TransportError.cancelled {
            throw .cancelled(operation: operation.name)
        } catch {
            throw .configuration("\(operation.name): \(error)")
        }
    }

    private func perform(
        _ operation: AWSOperation, region: String?, timeout: TimeInterval, cancellation: CancellationHandle?, explicit: Bool
    ) throws -> AWSResponse {
        let resolved = try endpoint(for: operation.service, region: region, explicit: explicit)
        let policy = RetryPolicy(configuration: configuration.retry)
        var attempt = 1
        var lastRetryCost: Int?
        while true {
            if let limit = operation.rateLimit {
                let key = "\(configuration.profileName)|\(resolved.signingRegion)"
                try sleeper.sleep(rateLimiter.reserve(limit, key: key, now: clock.now()), cancellation: cancellation)
            }
            let request = try prepare(operation, endpoint: resolved, attempt: attempt, maxAttempts: policy.configuration.maxAttempts)
            let failure: RetryPolicy.Failure
            let finalError: AWSError
            do {
                let response = try transport.send(request, timeout: timeout, cancellation: cancellation)
                if response.isSuccess {
                    retryQuota.release(lastRetryCost ?? 1)
                    return AWSResponse(operation: operation.name, status: response.status, headers: response.headers, body: response.body)
                }
                let answer = ServiceErrorAnswer.decode(response, wireProtocol: operation.wireProtocol)
                let retryAfter = RetryPolicy.retryAfter(response.headers, now: clock.now())
                failure = .response(code: answer.code, status: answer.status, retryAfter: retryAfter)
                finalError = classify(answer, operation: operation, retryAfter: retryAfter, policy: policy)
            } catch let error as TransportError {
                if error == .cancelled { throw error }
                failure = .transport(error)
                finalError = .network(
                    operation: operation.name, endpoint: resolved.endpoint.description, kind: error.networkFailure ?? .connectionLost,
                    detail: error.detail)
            }
            guard attempt < policy.configuration.maxAttempts, policy.isRetryable(failure, service: operation.service) else {
                throw finalError
            }
            var retryAfter: TimeInterval?
            var afterTimeout = false
            if case .response(_, _, let after) = failure { retryAfter = after }
            if case .transport(.timeout) = failure { afterTimeout = true }
            guard let delay = policy.delay(after: attempt, retryAfter: retryAfter, random: random()),
                let cost = retryQuota.acquire(afterTimeout: afterTimeout)
            else { throw finalError }
            lastRetryCost = cost
            try sleeper.sleep(delay, cancellation: cancellation)
            attempt += 1
        }
    }

    /// Where `service` is reached, honouring a per-call region.
    public func endpoint(for service: AWSService, region: String? = nil, explicit: Bool = true) throws
        -> AWSConfiguration.ResolvedEndpoint
    {
        try configuration.endpoint(for: service, usingExplicit: explicit, region: region)
    }

    /// The request for one attempt, signed when the operation is.
    func prepare(_ operation: AWSOperation, endpoint: AWSConfiguration.ResolvedEndpoint, attempt: Int, maxAttempts: Int) throws
        -> HTTPRequest
    {
        let target = endpoint.endpoint
        var request = HTTPRequest(
            method: operation.method, scheme: target.scheme, host: target.host, port: target.port,
            path: target.basePath + operation.path, query: operation.query, headers: operation.headers, body: operation.body)
        if operation.signed {
            let credentials = try credentials.credentials()
            let signer = SigV4Signer(service: operation.service.signingName, region: endpoint.signingRegion)
            request = signer.sign(request, credentials: credentials, at: clock.now()).request
        }
        // Added after signing, unsigned, as botocore does.
        request.headers.set("User-Agent", userAgent)
        request.headers.set("amz-sdk-request", "attempt=\(attempt); max=\(maxAttempts)")
        return request
    }

    func classify(_ answer: ServiceErrorAnswer, operation: AWSOperation, retryAfter: TimeInterval?, policy: RetryPolicy)
        -> AWSError
    {
        let code = answer.code
        if RetryPolicy.throttlingCodes.contains(code) {
            return .throttled(operation: operation.name, code: code, retryAfter: retryAfter)
        }
        if ServiceErrorAnswer.accessDeniedCodes.contains(code) {
            return .accessDenied(operation: operation.name, code: code, message: answer.message)
        }
        let isCredential = ServiceErrorAnswer.expiredCredentialCodes.contains(code)
            || ServiceErrorAnswer.refusedCredentialCodes.contains(code)
        if isCredential, operation.signed {
            let used = (try? credentials.credentials()).map { "\($0.maskedAccessKeyId) from \($0.source.rawValue)" }
            let expired = ServiceErrorAnswer.expiredCredentialCodes.contains(code)
            let remedy = credentials.remedy
            return .credentials(
                CredentialProblem(
                    kind: expired ? .expired : .refused,
                    reason: "\(operation.service.name) \(operation.name) answered \(code): \(answer.message)",
                    lookedAt: [used ?? "no credentials", "profile \(configuration.profileName)"], remedy: remedy))
        }
        if let body = answer.unreadableBody, answer.status < 500 || answer.message.isEmpty {
            return .service(operation: operation.name, code: code, message: "the error body is not JSON: \(body)", status: answer.status)
        }
        return .service(operation: operation.name, code: code, message: answer.message, status: answer.status)
    }
}
