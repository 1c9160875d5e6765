import CCurl
import Foundation

/// The transport over the system's libcurl, used directly so that it does what the AWS CLI does with
/// the configuration: the CA bundle (`AWS_CA_BUNDLE` > profile `ca_bundle`) is the only trust for
/// TLS when set (`CURLOPT_CAINFO`, no CA directory), else the system's; proxies are botocore's from
/// the injected environment (`ProxySettings`), set on every request (`CURLOPT_PROXY` empty for
/// none, `CURLOPT_NOPROXY` empty) so that libcurl never reads the process environment itself.
///
/// Each request: HTTP/1.1, http and https only, no redirect followed, the whole exchange bounded by
/// the timeout, abandoned within about a second of a cancellation, no signals. On the wire go the
/// request's own headers and what HTTP needs (`Content-Length`); libcurl's `Accept: */*`,
/// `Expect: 100-continue` and form `Content-Type` are removed. Easy handles are pooled, so
/// connections stay alive across requests from any thread.
public final class CurlTransport: HTTPTransport {
    /// The CA bundle TLS is verified against, nil for the system's.
    public let caBundle: String?
    /// Where the bundle came from (`AWS_CA_BUNDLE`, `ca_bundle in profile prod`), named in TLS errors.
    public let caBundleSource: String?
    public let proxies: ProxySettings
    private let pool: CurlHandlePool

    public init(caBundle: String? = nil, caBundleSource: String? = nil, proxies: ProxySettings = ProxySettings(), connections: Int = 8) {
        self.caBundle = caBundle
        self.caBundleSource = caBundleSource
        self.proxies = proxies
        pool = CurlHandlePool(capacity: connections)
    }

    /// The transport `configuration` asks for: its CA bundle and its environment's proxies.
    public convenience init(configuration: AWSConfiguration) {
        self.init(
            caBundle: configuration.caBundle, caBundleSource: configuration.caBundleSource,
            proxies: ProxySettings(environment: configuration.environment))
    }

    public func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        if cancellation?.isCancelled == true { throw TransportError.cancelled }
        guard let handle = pool.take() else {
            // No library to speak HTTP with is a setup to mend, not a network to wait for: not retried.
            if let why = CurlHandle.unavailable { throw AWSError.configuration(why) }
            throw TransportError.unreachable("libcurl could not make a handle")
        }
        defer { pool.give(back: handle) }
        handle.reset()
        let easy = handle.easy
        _ = ccurl_set_string(easy, CURLOPT_URL, request.urlString)
        _ = ccurl_set_long(easy, CURLOPT_PATH_AS_IS, 1)
        _ = ccurl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = ccurl_set_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_set_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        _ = ccurl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_set_long(easy, CURLOPT_TIMEOUT_MS, max(1, Int((timeout * 1000).rounded(.up))))
        _ = ccurl_set_string(easy, CURLOPT_PROXY, proxies.proxy(for: request) ?? "")
        _ = ccurl_set_string(easy, CURLOPT_NOPROXY, "")
        _ = ccurl_set_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        if let caBundle {
            _ = ccurl_set_string(easy, CURLOPT_CAINFO, caBundle)
            _ = ccurl_set_string(easy, CURLOPT_CAPATH, nil)
        }
        let headerList = Self.headerLines(request).reduce(nil as UnsafeMutablePointer<curl_slist>?) { ccurl_slist_append($0, $1) }
        defer { ccurl_slist_free_all(headerList) }
        _ = ccurl_set_pointer(easy, CURLOPT_HTTPHEADER, headerList)
        Self.setMethod(request, on: easy)

        let exchange = CurlExchange(cancellation: cancellation)
        let code = exchange.wire(to: easy) { ccurl_easy_perform(easy) }
        if cancellation?.isCancelled == true { throw TransportError.cancelled }
        guard code == CURLE_OK else {
            var proxyAnswer = 0
            _ = ccurl_get_long(easy, CURLINFO_HTTP_CONNECTCODE, &proxyAnswer)
            throw failure(code, text: handle.errorText(code), proxyAnswer: proxyAnswer)
        }
        var status = 0
        _ = ccurl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: exchange.headers, body: exchange.body)
    }

    /// The request's headers as libcurl takes them (`Name;` sends an empty value), and the removal of
    /// the ones libcurl would add on its own unless the request has them.
    static func headerLines(_ request: HTTPRequest) -> [String] {
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        for added in ["Accept", "Expect", "Content-Type"] where !request.headers.contains(added) {
            lines.append("\(added):")
        }
        return lines
    }

    /// GET, HEAD, and every other method with its body, copied into libcurl (none for an empty GET or
    /// DELETE; an empty POST or PUT still says `Content-Length: 0`).
    private static func setMethod(_ request: HTTPRequest, on easy: UnsafeMutableRawPointer) {
        switch request.method {
        case "GET" where request.body.isEmpty: _ = ccurl_set_long(easy, CURLOPT_HTTPGET, 1)
        case "HEAD": _ = ccurl_set_long(easy, CURLOPT_NOBODY, 1)
        case "DELETE" where request.body.isEmpty: _ = ccurl_set_string(easy, CURLOPT_CUSTOMREQUEST, "DELETE")
        default:
            _ = ccurl_set_size(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
            if request.body.isEmpty {
                _ = ccurl_set_string(easy, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                request.body.withUnsafeBytes { _ = ccurl_set_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            }
            if request.method != "POST" { _ = ccurl_set_string(easy, CURLOPT_CUSTOMREQUEST, request.method) }
        }
    }

    /// libcurl's failure as a `TransportError`, with its error text (proxy credentials masked) and,
    /// for TLS, the CA bundle it was checked against. A proxy that refused the tunnel (`proxyAnswer`,
    /// its status to `CONNECT`) makes the endpoint unreachable.
    func failure(_ code: CURLcode, text: String, proxyAnswer: Int = 0) -> TransportError {
        let text = proxies.masking(text)
        if proxyAnswer >= 300 { return .unreachable(text) }
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_ABORTED_BY_CALLBACK: return .cancelled
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_UNSUPPORTED_PROTOCOL,
            CURLE_URL_MALFORMAT, CURLE_PROXY:
            return .unreachable(text)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CLIENTCERT:
            let trust = caBundle.map { "the CA bundle \($0)" + (caBundleSource.map { " from \($0)" } ?? "") }
            return .tls("\(text) (verified against \(trust ?? "the system's CA certificates"))")
        default:
            return .connectionLost(text)
        }
    }
}
