import Foundation

/// Paths of the Python helpers in `Resources`.
public enum Resources {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources").path
    /// botocore as the reference signer and serializer.
    public static let oracle = directory + "/sigv4_oracle.py"
    public static let faultProxy = directory + "/fault_proxy.py"
    /// An HTTP/1.1 server answering each request with what it received and its connection's number.
    public static let echoServer = directory + "/echo_server.py"
    /// An organization's alert wiring in moto_server, with boto3.
    public static let orgWiring = directory + "/org_wiring.py"
}

/// Runs `python3 arguments…` (with `stdin`) and returns its stdout; a non-zero exit fails with stderr.
public func python(_ arguments: [String], stdin: Data? = nil) throws -> Data {
    let outcome = try runCommand(["python3"] + arguments, stdin: stdin)
    guard outcome.status == 0 else {
        throw CommandFailed("python3 \(arguments.joined(separator: " ")) failed: \(outcome.stderr)")
    }
    return Data(outcome.stdout.utf8)
}

/// The request botocore's client would send for `operation` of `service` (its snake-case name)
/// with `parameters`, validated by botocore first: its body read as JSON, and its headers with
/// names lower-cased.
public func botocoreRequest(_ service: String, _ operation: String, _ parameters: [String: Any], region: String) throws
    -> (body: NSDictionary, headers: [String: String])
{
    let arguments = String(decoding: try JSONSerialization.data(withJSONObject: parameters), as: UTF8.self)
    let reference =
        try JSONSerialization.jsonObject(with: python([Resources.oracle, "request", service, operation, arguments, region]))
        as? [String: Any] ?? [:]
    guard let body = try? JSONSerialization.jsonObject(with: Data((reference["body"] as? String ?? "").utf8)) as? NSDictionary
    else { throw CommandFailed("botocore's \(service) \(operation) request has no JSON body: \(reference)") }
    let headers = Dictionary(
        (reference["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }, uniquingKeysWith: { a, _ in a })
    return (body, headers)
}
