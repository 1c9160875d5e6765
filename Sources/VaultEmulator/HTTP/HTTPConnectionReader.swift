import AWSClient
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads requests off one connection: the head up to the blank line, then exactly the body's
/// bytes, keeping whatever came after for the next request.
struct HTTPConnectionReader {
    static let maxHead = 64 * 1024
    static let maxBody = 16 * 1024 * 1024

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// The next request's head, or nil when the peer closed the connection between requests.
    mutating func readHead() throws -> HTTPRequestHead? {
        while true {
            if let end = headEnd() {
                let head = Array(buffer[..<end])
                buffer.removeFirst(end + 4)
                return try HTTPRequestHead(head)
            }
            guard buffer.count <= Self.maxHead else { throw HTTPParseError.tooLarge }
            guard try fill() else {
                if buffer.isEmpty { return nil }
                throw HTTPParseError.truncated
            }
        }
    }

    /// The next `count` bytes.
    mutating func readBody(_ count: Int) throws -> Data {
        while buffer.count < count {
            guard try fill() else { throw HTTPParseError.truncated }
        }
        let body = Data(buffer[..<count])
        buffer.removeFirst(count)
        return body
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4)
        where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    /// Reads what is available; false at the end of the stream (or an idle timeout).
    private mutating func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[..<n])
            return true
        }
    }
}

enum HTTPParseError: Error {
    case malformed, tooLarge, truncated
}

/// A request line and its headers.
struct HTTPRequestHead {
    var method: String
    /// The request target as sent: raw path and query.
    var target: String
    var version: String
    var headers: HTTPHeaders

    init(_ bytes: [UInt8]) throws {
        guard let text = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) else {
            throw HTTPParseError.malformed
        }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { throw HTTPParseError.malformed }
        method = String(requestLine[0])
        target = String(requestLine[1])
        version = String(requestLine[2])
        var fields: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPParseError.malformed }
            fields.append(
                (name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        headers = HTTPHeaders(fields)
    }

    var keepAlive: Bool {
        let connection = headers["Connection"]?.lowercased()
        return version == "HTTP/1.0" ? connection == "keep-alive" : connection != "close"
    }

    /// The request the handler sees: the raw path and query split at the first `?`.
    func request(body: Data, localPort: Int) -> HTTPRequest {
        var path = target
        var query = ""
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        }
        var host = "127.0.0.1"
        var port: Int? = localPort
        if let value = headers["Host"] {
            if let colon = value.lastIndex(of: ":"), !value.hasSuffix("]") {
                host = String(value[..<colon])
                port = Int(value[value.index(after: colon)...])
            } else {
                host = value
                port = nil
            }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        }
        return HTTPRequest(
            method: method, scheme: "http", host: host, port: port, path: path, query: query, headers: headers,
            body: body)
    }
}
