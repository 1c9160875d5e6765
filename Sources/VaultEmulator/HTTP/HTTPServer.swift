import AWSClient
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server on POSIX sockets, enough for the AWS CLI, botocore and libcurl as
/// clients: keep-alive, `Content-Length` bodies, `Expect: 100-continue`. Each connection is served
/// on a thread of its own, one request at a time; the handler may be called from several threads
/// at once. Requests reach the handler with their path and query exactly as sent (still
/// percent-encoded), which is what routing on AWS's labels and verifying SigV4 need.
///
/// Listens on 127.0.0.1 unless told otherwise. Port 0 asks the system for a free port, read back
/// from `port`.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let host: String
    /// The port listened on (the system's choice when 0 was asked for).
    public private(set) var port: Int
    private let handler: Handler
    private let state = NSLock()
    private var listener: Int32 = -1
    private var connections: Set<Int32> = []
    /// An idle keep-alive connection is closed after this long.
    public var idleTimeout: TimeInterval = 60

    /// Binds and listens; `start()` then accepts. Throws when the address cannot be bound.
    public init(host: String = "127.0.0.1", port: Int, handler: @escaping Handler) throws {
        self.host = host
        self.handler = handler
        self.port = port
        listener = try Self.listen(host: host, port: port)
        self.port = Self.boundPort(listener)
    }

    /// Accepts connections on a thread of its own until `stop()`.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "vaultwatch.emulator.accept"
        thread.start()
    }

    /// Stops accepting and closes every open connection.
    public func stop() {
        state.lock()
        let fd = listener
        listener = -1
        let open = connections
        connections = []
        state.unlock()
        if fd >= 0 {
            _ = shutdown(fd, Int32(SHUT_RDWR))
            _ = close(fd)
        }
        for connection in open { _ = shutdown(connection, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            state.lock()
            let fd = listener
            state.unlock()
            guard fd >= 0 else { return }
            let connection = accept(fd, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            state.lock()
            let stopped = listener < 0
            if !stopped { connections.insert(connection) }
            state.unlock()
            if stopped {
                _ = close(connection)
                return
            }
            var noDelay: Int32 = 1
            _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            var timeout = timeval(tv_sec: Int(idleTimeout), tv_usec: 0)
            _ = setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let thread = Thread { [self] in
                serve(connection)
                state.lock()
                connections.remove(connection)
                state.unlock()
                _ = close(connection)
            }
            thread.name = "vaultwatch.emulator.connection"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var reader = HTTPConnectionReader(fd: fd)
        while true {
            let parsed: HTTPRequestHead
            do {
                guard let head = try reader.readHead() else { return }
                parsed = head
            } catch {
                write(fd, HTTPWire.response(HTTPResponse(status: 400), keepAlive: false))
                return
            }
            if parsed.headers["Transfer-Encoding"] != nil {
                write(fd, HTTPWire.response(HTTPResponse(status: 411), keepAlive: false))
                return
            }
            let length = Int(parsed.headers["Content-Length"] ?? "0") ?? -1
            guard length >= 0, length <= HTTPConnectionReader.maxBody else {
                write(fd, HTTPWire.response(HTTPResponse(status: 413), keepAlive: false))
                return
            }
            if length > 0, parsed.headers["Expect"]?.lowercased() == "100-continue" {
                write(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            guard let body = try? reader.readBody(length) else { return }
            let request = parsed.request(body: body, localPort: port)
            let response = handler(request)
            let keepAlive = parsed.keepAlive
            guard write(fd, HTTPWire.response(response, keepAlive: keepAlive, omitBody: parsed.method == "HEAD")),
                keepAlive
            else { return }
        }
    }

    @discardableResult
    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    private static func listen(host: String, port: Int) throws -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw HTTPServerError("\(host) is not an IPv4 address")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = close(fd)
            throw HTTPServerError("cannot listen on \(host):\(port): \(reason)")
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why the server could not start, in one line.
public struct HTTPServerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
