import AWSClient
import Foundation

/// moto_server on a free 127.0.0.1 port, stopped when released: a real local AWS endpoint for
/// the services moto implements (Backup vaults and locks, plans, KMS, Organizations, EventBridge,
/// SQS, STS). Missing moto fails the test with what to run; it is never skipped. With `tls`, it serves
/// https with that authority's server certificate (`--ssl-cert`, `--ssl-key`).
public final class LocalMoto: @unchecked Sendable {
    public let port: Int
    private let child: ChildProcess
    private let tls: TestCertificateAuthority?
    public var url: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    public init(tls: TestCertificateAuthority? = nil) throws {
        self.tls = tls
        port = try freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        if path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/moto_server") }) {
            process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        } else {
            process.arguments = ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        }
        if let tls { process.arguments! += ["--ssl-cert", tls.serverCertificate, "--ssl-key", tls.serverKey] }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        child = ChildProcess(process)
        let probe = CurlTransport(caBundle: tls?.certificate)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !process.isRunning { break }
            // Answered by this moto, not by another test's that was given the same port first.
            if let answer = try? probe.send(HTTPRequest(method: "GET", url: url + "/moto-api/"), timeout: 2, cancellation: nil),
                !answer.body.isEmpty, isListening(process.processIdentifier, on: port)
            {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CommandFailed("moto_server did not start on \(url) (is moto[server] installed? run bash .ci/setup)")
    }

    /// The environment of a shell pointed at this moto with test keys and nothing of the
    /// developer's own AWS configuration.
    public func environment(home: String, region: String = "us-east-1") -> [String: String?] {
        [
            "HOME": home, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": nil,
            "AWS_DEFAULT_REGION": region, "AWS_REGION": nil, "AWS_PROFILE": nil, "AWS_ENDPOINT_URL": url,
            "AWS_CONFIG_FILE": home + "/.aws/config", "AWS_SHARED_CREDENTIALS_FILE": home + "/.aws/credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    /// Runs the AWS CLI (v1, from PyPI) against this moto; its JSON answer, or an error with stderr.
    @discardableResult
    public func aws(_ arguments: [String], home: String, extra: [String: String?] = [:]) throws -> Any {
        var environment = environment(home: home)
        for (key, value) in extra { environment[key] = value }
        if let tls { environment["AWS_CA_BUNDLE"] = tls.certificate }
        let outcome = try runCommand(["aws", "--endpoint-url", url, "--output", "json"] + arguments, environment: environment)
        guard outcome.status == 0 else {
            throw CommandFailed("aws \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.stderr) (is awscli installed? run bash .ci/setup)")
        }
        let text = outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
