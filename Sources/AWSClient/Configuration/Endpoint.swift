import Foundation

/// A service endpoint: scheme, host, optional port and optional base path (an endpoint URL may
/// carry a path, which is prepended to every request path).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?
    public let basePath: String

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http(s)://host[:port][/path]`; anything else is a configuration error naming the text.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            throw AWSError.configuration("endpoint URL \"\(OutsideText.inert(text))\" is not an http(s) URL with a host")
        }
        var base = components.percentEncodedPath
        while base.hasSuffix("/") { base.removeLast() }
        let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.init(scheme: scheme, host: bareHost.lowercased(), port: components.port, basePath: base)
    }

    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostText)\(port.map { ":\($0)" } ?? "")\(basePath)"
    }
}
