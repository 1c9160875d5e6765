import AWSClient
import Foundation

/// `echo_server.py` on a free 127.0.0.1 port: answers every request with what it received (method,
/// target, headers in order, body) and the number of the connection it came on.
public final class EchoServer {
    public let child: ChildProcess
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        (child, port) = try startPrintingPort(["python3", "-u", Resources.echoServer], name: "echo_server.py")
    }

    /// What the server received for one request.
    public struct Echo: Sendable {
        public let connection: Int
        public let method: String
        public let target: String
        public let headers: [(name: String, value: String)]
        public let body: String
    }

    /// Reads the server's answer.
    public static func echo(_ response: HTTPResponse) throws -> Echo {
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let connection = object["connection"] as? Int
        else { throw CommandFailed("echo_server.py answered \(String(decoding: response.body, as: UTF8.self))") }
        return Echo(
            connection: connection, method: object["method"] as? String ?? "", target: object["target"] as? String ?? "",
            headers: (object["headers"] as? [[String]] ?? []).map { (name: $0[0], value: $0[1]) },
            body: object["body"] as? String ?? "")
    }
}
