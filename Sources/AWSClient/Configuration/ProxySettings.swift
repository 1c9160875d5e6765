import Foundation

/// The proxies botocore (and so the AWS CLI) takes from the environment, read from the injected
/// `AWSEnvironment` rather than the process: urllib's `getproxies_environment` and
/// `proxy_bypass_environment`, which botocore's `get_environ_proxies` calls for every request.
///
/// - `<scheme>_proxy` in any case counts; a name ending in lower-case `_proxy` wins over the others,
///   and when it is set but empty it switches that proxy off (`http_proxy=` beats `HTTP_PROXY=…`).
///   With `REQUEST_METHOD` set (a CGI script), only lower-case `http_proxy` is taken for http.
/// - The request's scheme picks the proxy (`HTTP_PROXY` for http, `HTTPS_PROXY` for https); `ALL_PROXY`
///   is not read. A proxy without a scheme gets `http://`, as botocore's `_fix_proxy_url` gives it.
/// - `NO_PROXY` is a comma-separated list of host names or `host:port`, each matching that host and its
///   subdomains (a leading dot is ignored, no CIDR ranges); `*` alone bypasses every host.
public struct ProxySettings: Sendable, Equatable {
    /// Scheme → proxy URL as given (`http`, `https`, and `no` for the bypass list).
    public let proxies: [String: String]

    public init(proxies: [String: String] = [:]) { self.proxies = proxies }

    public init(environment: AWSEnvironment) {
        let variables = environment.variables.sorted { $0.key < $1.key }
        var proxies: [String: String] = [:]
        for (name, value) in variables where name.lowercased().hasSuffix("_proxy") && !value.isEmpty {
            proxies[String(name.lowercased().dropLast(6))] = value
        }
        if environment.variables["REQUEST_METHOD"] != nil { proxies["http"] = nil }
        for (name, value) in variables where name.hasSuffix("_proxy") {
            proxies[String(name.lowercased().dropLast(6))] = value.isEmpty ? nil : value
        }
        self.proxies = proxies
    }

    /// The proxy URL `request` goes through, or nil when it goes direct.
    public func proxy(for request: HTTPRequest) -> String? {
        guard let proxy = proxies[request.scheme], !bypasses(request) else { return nil }
        if proxy.hasPrefix("http:") || proxy.hasPrefix("https:") { return proxy }
        return proxy.hasPrefix("//") ? "http:" + proxy : "http://" + proxy
    }

    /// Whether `NO_PROXY` sends `request` direct. Matched against the URL's host and port as written
    /// (`netloc`), like urllib.
    public func bypasses(_ request: HTTPRequest) -> Bool {
        guard let noProxy = proxies["no"] else { return false }
        if noProxy == "*" { return true }
        let hostOnly = (request.host.contains(":") ? "[\(request.host)]" : request.host).lowercased()
        let host = hostOnly + (request.port.map { ":\($0)" } ?? "")
        for entry in noProxy.split(separator: ",", omittingEmptySubsequences: false) {
            var name = Substring(entry.trimmingCharacters(in: .whitespaces))
            guard !name.isEmpty else { continue }
            while name.first == "." { name = name.dropFirst() }
            let lower = name.lowercased()
            if hostOnly == lower || host == lower || hostOnly.hasSuffix("." + lower) || host.hasSuffix("." + lower) {
                return true
            }
        }
        return false
    }

    /// `text` with every proxy's user name and password (as written and percent-decoded) replaced by
    /// `***`, as botocore's `mask_proxy_url` does: proxy credentials never reach an error message.
    public func masking(_ text: String) -> String {
        var masked = text
        for (scheme, proxy) in proxies where scheme != "no" {
            guard let at = proxy.lastIndex(of: "@") else { continue }
            var userInfo = Substring(proxy[..<at])
            if let start = userInfo.range(of: "://") { userInfo = userInfo[start.upperBound...] }
            if userInfo.hasPrefix("//") { userInfo = userInfo.dropFirst(2) }
            let secrets = userInfo.split(separator: ":", maxSplits: 1).map(String.init) + [String(userInfo)]
            for secret in secrets where !secret.isEmpty {
                for form in Set([secret, secret.removingPercentEncoding ?? secret]) {
                    masked = masked.replacingOccurrences(of: form, with: "***")
                }
            }
        }
        return masked
    }
}
