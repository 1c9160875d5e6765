import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The transport over Foundation's `URLSession` (libcurl underneath on Linux), chosen because it
/// costs no build time (see the README). Blocking: `send` waits on a semaphore for the data task.
///
/// What libcurl-backed `URLSession` on Linux does with proxies and CA bundles (swift-corelibs-foundation,
/// `EasyHandle.swift`, and `AWSClientTests/ProxyTests`):
/// - it sets no proxy itself (`connectionProxyDictionary` is ignored), so libcurl reads the **process**
///   environment: `http_proxy` (lower case only: libcurl ignores `HTTP_PROXY`), `HTTPS_PROXY`/`https_proxy`,
///   `ALL_PROXY`, `NO_PROXY`/`no_proxy`. An injected `AWSEnvironment` cannot change that;
/// - it sets `CAINFO` to the system bundle (`/etc/ssl/certs/ca-certificates.crt`) and offers no way to
///   pass another one (`URLSessionCertificateAuthorityInfoFile` is read on Android only; server-trust
///   challenges are not delivered). So `AWS_CA_BUNDLE` / `ca_bundle` cannot be applied: the transport
///   names the bundle in the TLS error it reports, and the fix is to add the CA to the system store.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    /// The CA bundle the configuration asked for, named in TLS errors (see above).
    public let caBundle: String?

    public init(caBundle: String? = nil) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
        self.caBundle = caBundle
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        guard let url = URL(string: request.urlString) else {
            throw TransportError.unreachable("not a valid URL: \(request.urlString)")
        }
        if cancellation?.isCancelled == true { throw TransportError.cancelled }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for field in request.headers where field.name.lowercased() != "host" {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }

        let outcome = Locked<Result<HTTPResponse, TransportError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let caBundle = self.caBundle
        let task = session.dataTask(with: urlRequest) { data, response, error in
            let result: Result<HTTPResponse, TransportError>
            if let error {
                result = .failure(Self.classify(error, caBundle: caBundle))
            } else if let http = response as? HTTPURLResponse {
                var headers = HTTPHeaders()
                for (name, value) in http.allHeaderFields {
                    headers.add(String(describing: name), String(describing: value))
                }
                result = .success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                result = .failure(.connectionLost("no HTTP response"))
            }
            outcome.withLock { $0 = $0 ?? result }
            done.signal()
        }
        cancellation?.onCancel { [weak task] in task?.cancel() }
        task.resume()
        // URLSession's own timeout is an inactivity timeout; this bounds the whole exchange.
        if done.wait(timeout: .now() + timeout + 0.5) == .timedOut {
            outcome.withLock { $0 = $0 ?? .failure(.timeout) }
            task.cancel()
        }
        let result = outcome.withLock { $0 } ?? .failure(.timeout)
        if cancellation?.isCancelled == true { throw TransportError.cancelled }
        return try result.get()
    }

    static func classify(_ error: Error, caBundle: String?) -> TransportError {
        let nsError = error as NSError
        let text = nsError.localizedDescription
        guard nsError.domain == NSURLErrorDomain else { return .connectionLost(text) }
        switch nsError.code {
        case NSURLErrorCancelled: return .cancelled
        case NSURLErrorTimedOut: return .timeout
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
            NSURLErrorNotConnectedToInternet, NSURLErrorBadURL, NSURLErrorUnsupportedURL:
            return .unreachable(text)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateUntrusted,
            NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid,
            NSURLErrorClientCertificateRejected, NSURLErrorClientCertificateRequired:
            let bundle = caBundle.map {
                " (the CA bundle \($0) from AWS_CA_BUNDLE/ca_bundle cannot be used by URLSession on Linux: add the CA to the system store)"
            } ?? ""
            return .tls(text + bundle)
        default:
            return .connectionLost(text)
        }
    }
}
