import AWSClient
import Foundation
import TestSupport
import Testing

/// What `CurlTransport` puts on the wire and how it keeps connections, against a local server that
/// answers with what it received.
@Suite struct CurlTransportTests {
    @Test func onlyTheRequestsHeadersAndWhatHTTPNeedsAreSent() throws {
        let server = try EchoServer()
        let transport = CurlTransport()
        let body = Data(String(repeating: "{\"Entries\":[]}", count: 200).utf8)
        let post = try HTTPRequest(
            method: "POST", url: server.url + "/?Action=x%2Fy",
            headers: ["Host": "127.0.0.1:\(server.port)", "X-Amz-Target": "AmazonSQS.ReceiveMessage", "X-Empty": ""], body: body)
        let echo = try EchoServer.echo(try transport.send(post, timeout: 10, cancellation: nil))
        #expect(echo.method == "POST" && echo.target == "/?Action=x%2Fy" && echo.body.utf8.count == body.count)
        #expect(
            echo.headers.map { "\($0.name): \($0.value)" } == [
                "Host: 127.0.0.1:\(server.port)", "X-Amz-Target: AmazonSQS.ReceiveMessage", "X-Empty: ", "Content-Length: \(body.count)",
            ])
        for method in ["GET", "DELETE", "PUT"] {
            let echo = try EchoServer.echo(try transport.send(try HTTPRequest(method: method, url: server.url + "/a/../b"), timeout: 10, cancellation: nil))
            let names = echo.headers.map { $0.name.lowercased() }
            #expect(echo.method == method && echo.target == "/a/../b")
            #expect(names == (method == "PUT" ? ["host", "content-length"] : ["host"]), "\(method)")
        }
    }

    @Test func connectionsAreKeptAliveAcrossRequestsAndThreads() throws {
        let server = try EchoServer()
        let transport = CurlTransport(connections: 4)
        let request = try HTTPRequest(method: "GET", url: server.url + "/")
        let first = try EchoServer.echo(try transport.send(request, timeout: 10, cancellation: nil))
        let second = try EchoServer.echo(try transport.send(request, timeout: 10, cancellation: nil))
        #expect(first.connection == second.connection)
        let seen = LockedBox<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<25 {
                if let echo = try? EchoServer.echo(try transport.send(request, timeout: 10, cancellation: nil)) {
                    seen.update { $0.append(echo.connection) }
                }
            }
        }
        // Four threads at once need at most four connections, kept for all 100 requests.
        #expect(seen.get().count == 100)
        #expect(Set(seen.get()).count <= 4)
    }

    @Test func noRedirectIsFollowedAndOnlyHTTPAndHTTPSAreSpoken() throws {
        let server = try EchoServer()
        let transport = CurlTransport()
        let redirect = try transport.send(try HTTPRequest(method: "GET", url: server.url + "/redirect"), timeout: 10, cancellation: nil)
        #expect(redirect.status == 302 && redirect.headers["Location"] == "/elsewhere")
        let next = try EchoServer.echo(try transport.send(try HTTPRequest(method: "GET", url: server.url + "/"), timeout: 10, cancellation: nil))
        #expect(next.target == "/")
        let ftp = HTTPRequest(method: "GET", scheme: "ftp", host: "127.0.0.1", port: server.port)
        #expect(throws: TransportError.self) { try transport.send(ftp, timeout: 5, cancellation: nil) }
        let cancelled = CancellationHandle()
        cancelled.cancel()
        #expect(throws: TransportError.cancelled) {
            try transport.send(try HTTPRequest(method: "GET", url: "http://127.0.0.1:9/"), timeout: 5, cancellation: cancelled)
        }
    }
}
