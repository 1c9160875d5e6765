import AWSClient
import Foundation
import Testing
import VaultEmulator

/// The Python oracle beside the tests, and a way to run it.
enum Oracle {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/botocore_model_check.py").path

    /// Runs the oracle with `arguments`, as `principal` of `emulator` (keys in the environment, no
    /// config files); answers its exit status and output.
    static func run(_ arguments: [String], as connection: EmulatorConnection) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION"] { environment[name] = nil }
        environment["AWS_ACCESS_KEY_ID"] = connection.principal.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = connection.principal.secretAccessKey
        environment["AWS_DEFAULT_REGION"] = connection.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vw-oracle-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw OracleFailure("cannot create \(output.path)")
        }
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }
}

/// A transport that keeps every request it sends, for the oracle to read.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = CurlTransport()
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []

    func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        lock.lock()
        sent.append(request)
        lock.unlock()
        return try inner.send(request, timeout: timeout, cancellation: cancellation)
    }

    var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }
}

/// Signs requests as a principal of an emulator and hands them to it directly (no socket), for
/// tests that make many calls or need exact timing.
struct DirectCaller {
    let emulator: Emulator
    let principal: EmulatorPrincipal

    init(_ emulator: Emulator, as name: String) throws {
        self.emulator = emulator
        principal = try #require(emulator.principal(named: name))
    }

    init(_ emulator: Emulator, signingAs principal: EmulatorPrincipal) {
        self.emulator = emulator
        self.principal = principal
    }

    func send(_ operation: AWSOperation, secret: String? = nil) -> HTTPResponse {
        var request = HTTPRequest(
            method: operation.method, scheme: "http", host: "127.0.0.1", port: 9125, path: operation.path,
            query: operation.query, headers: operation.headers, body: operation.body)
        let signer = SigV4Signer(service: operation.service.signingName, region: emulator.backend.region)
        let credentials = AWSCredentials(
            accessKeyId: principal.accessKeyId, secretAccessKey: secret ?? principal.secretAccessKey, source: .supplied)
        request = signer.sign(request, credentials: credentials, at: Date()).request
        return emulator.handle(request)
    }

    func json(_ operation: AWSOperation) throws -> [String: Any] {
        let response = send(operation)
        guard response.status == 200 else {
            throw OracleFailure("\(operation.name) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        if response.body.isEmpty { return [:] }
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }
}

struct OracleFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Requests of the AWS JSON 1.1 services the emulator serves besides Backup, as botocore sends
/// them: `X-Amz-Target: Prefix.Operation` and the input as a JSON body.
enum JSONRequest {
    static func organizations(_ name: String, _ input: [String: Any] = [:]) throws -> AWSOperation {
        try make(.organizations, "AWSOrganizationsV20161128", name, input)
    }

    static func kms(_ name: String, _ input: [String: Any] = [:]) throws -> AWSOperation {
        try make(.kms, "TrentService", name, input)
    }

    static func events(_ name: String, _ input: [String: Any] = [:]) throws -> AWSOperation {
        try make(.eventBridge, "AWSEvents", name, input)
    }

    static func make(_ service: AWSService, _ prefix: String, _ name: String, _ input: [String: Any]) throws -> AWSOperation {
        AWSOperation.json(
            service, name, version: .v1_1, targetPrefix: prefix,
            body: try JSONSerialization.data(withJSONObject: input, options: [.sortedKeys]))
    }
}

extension DirectCaller {
    /// The error code a refused call carries (`x-amzn-ErrorType`), or nil when it succeeded.
    func errorCode(_ operation: AWSOperation) -> String? {
        let response = send(operation)
        return response.status == 200 ? nil : response.headers["x-amzn-ErrorType"]
    }

    /// The error message of a refused call.
    func errorMessage(_ operation: AWSOperation) -> String {
        let response = send(operation)
        let body = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        return (body?["message"] as? String) ?? (body?["Message"] as? String) ?? ""
    }
}
