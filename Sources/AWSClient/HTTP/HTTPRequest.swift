import Foundation

/// One HTTP request as it goes on the wire: the raw (already percent-encoded) path and query are
/// kept exactly as sent, because SigV4 signs them and a verifier must see them unchanged.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var scheme: String
    /// Lower-case host name or address (IPv6 without brackets).
    public var host: String
    /// The port when the URL names one.
    public var port: Int?
    /// The raw path, percent-encoded as sent (`/backup-vaults/arn%3Aaws%3A…`); never empty.
    public var path: String
    /// The raw query without `?`, percent-encoded as sent; empty when there is none.
    public var query: String
    public var headers: HTTPHeaders
    public var body: Data

    public init(
        method: String, scheme: String = "https", host: String, port: Int? = nil, path: String = "/",
        query: String = "", headers: HTTPHeaders = [:], body: Data = Data()
    ) {
        self.method = method.uppercased()
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A request for `url`, keeping its path and query exactly as written in the URL text.
    public init(method: String, url: String, headers: HTTPHeaders = [:], body: Data = Data()) throws {
        let endpoint = try Endpoint(url)
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var target = rest[pathStart...]
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        let path: Substring
        let query: Substring
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        } else {
            path = target
            query = ""
        }
        self.init(
            method: method, scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
            path: String(path), query: String(query), headers: headers, body: body)
    }

    /// The `Host` header value botocore signs: the host, with the port only when it is not the
    /// scheme's default, and IPv6 addresses in brackets.
    public var hostHeader: String {
        var name = host.contains(":") ? "[\(host)]" : host
        if let port, port != (scheme == "https" ? 443 : 80) { name += ":\(port)" }
        return name
    }

    /// The full URL text: scheme, host header, raw path and raw query.
    public var urlString: String {
        "\(scheme)://\(hostHeader)\(path)\(query.isEmpty ? "" : "?" + query)"
    }
}
