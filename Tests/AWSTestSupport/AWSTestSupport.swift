import AWSClient
import Foundation

/// Paths of the Python helpers beside the tests.
public enum Resources {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources").path
    public static let oracle = directory + "/sigv4_oracle.py"
    public static let faultProxy = directory + "/fault_proxy.py"
    public static let orgWiring = directory + "/org_wiring.py"
}

public struct CommandFailed: Error, CustomStringConvertible {
    public let description: String
}

/// Runs `python3 args…` (with `stdin`), returning stdout; a non-zero exit fails with stderr.
public func python(_ arguments: [String], stdin: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let errors = LockedBox(Data())
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errors.set(err.fileHandleForReading.readDataToEndOfFile())
        done.signal()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CommandFailed(description: "python3 \(arguments.joined(separator: " ")) failed: \(String(decoding: errors.get(), as: UTF8.self))")
    }
    return data
}

public final class LockedBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    public init(_ value: T) { self.value = value }
    public func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    public func set(_ new: T) { lock.lock(); value = new; lock.unlock() }
    public func update(_ body: (inout T) -> Void) { lock.lock(); body(&value); lock.unlock() }
}

/// A clock the test sets.
public final class ManualClock: AWSClock, @unchecked Sendable {
    private let box: LockedBox<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_323_045)) { box = LockedBox(start) }
    public func now() -> Date { box.get() }
    public func advance(_ seconds: TimeInterval) { box.update { $0 += seconds } }
    public func set(_ date: Date) { box.set(date) }
}

/// Records the waits asked for and advances the clock by them, without sleeping.
public final class RecordingSleeper: Sleeper, @unchecked Sendable {
    public let clock: ManualClock?
    private let box = LockedBox([TimeInterval]())
    public init(clock: ManualClock? = nil) { self.clock = clock }
    public var sleeps: [TimeInterval] { box.get().filter { $0 > 0 } }
    public func sleep(_ seconds: TimeInterval, cancellation: CancellationHandle?) throws {
        box.update { $0.append(seconds) }
        clock?.advance(seconds)
    }
}

/// A transport that records each request and answers none (the SSO portal and OIDC, which moto
/// does not implement, are checked for request shape only).
public final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    private let box = LockedBox([HTTPRequest]())
    public init() {}
    public var requests: [HTTPRequest] { box.get() }
    public func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        box.update { $0.append(request) }
        throw TransportError.unreachable("captured by the test")
    }
}

/// A temporary HOME with `~/.aws/config` and `~/.aws/credentials`.
public final class TemporaryHome {
    public let path: String
    public init(config: String = "", credentials: String = "") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true)
        try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8)
        try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func write(_ text: String, to relative: String) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// An environment with only this HOME, PATH, IMDS disabled, plus `variables`.
    public func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        var all = ["HOME": path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
        all.merge(variables) { _, new in new }
        return AWSEnvironment(variables: all, home: path)
    }
}

/// A free TCP port on 127.0.0.1.
public func freePort() throws -> Int {
    let data = try python(["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()"])
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}

/// A child process stopped (SIGTERM, then waited for) when the owner goes away.
public final class Child {
    public let process: Process
    public init(_ process: Process) { self.process = process }
    /// SIGTERM, then SIGKILL after 2 s (moto_server's Werkzeug does not always exit on SIGTERM).
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
    }
    deinit { stop() }
}

/// moto_server on a free 127.0.0.1 port, stopped when released. Missing moto fails the test with
/// what to run; it is never skipped.
public final class MotoServer {
    public let port: Int
    public let child: Child
    public var url: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        port = try freePort()
        let process = Process()
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        if let binary = path.split(separator: ":").map({ "\($0)/moto_server" }).first(where: FileManager.default.isExecutableFile) {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        } else if (try? python(["-c", "import moto.server"])) != nil {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        } else {
            throw CommandFailed(description: "moto_server is not installed (neither on PATH nor as python3 -m moto.server): run bash .ci/setup")
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        child = Child(process)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let data = try? Data(contentsOf: URL(string: "\(url)/moto-api/")!), !data.isEmpty { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CommandFailed(description: "moto_server did not answer on \(url) within 20 s")
    }

    /// Runs the AWS CLI against this server with test credentials.
    public func aws(_ arguments: [String], region: String = "us-east-1") throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws", "--endpoint-url", url] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(description: "aws \(arguments.joined(separator: " ")) exited \(process.terminationStatus) (is awscli installed? run bash .ci/setup)")
        }
        return data
    }
}

/// The fault-injecting proxy in front of a moto_server.
public final class FaultProxy {
    public let moto: MotoServer
    public let child: Child
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }

    public init(moto: MotoServer) throws {
        self.moto = moto
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", Resources.faultProxy, moto.url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        child = Child(process)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw CommandFailed(description: "fault_proxy.py exited before printing its port") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let port = Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            throw CommandFailed(description: "fault_proxy.py printed \(text)")
        }
        self.port = port
    }

    public func inject(_ faults: [[String: Any]]) throws {
        var request = URLRequest(url: URL(string: "\(url)/__faults__")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: faults)
        _ = try blockingFetch(request)
    }

    /// The requests the proxy has seen.
    public func log() throws -> [[String: Any]] {
        let data = try blockingFetch(URLRequest(url: URL(string: "\(url)/__log__")!))
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

public func blockingFetch(_ request: URLRequest) throws -> Data {
    let box = LockedBox<Result<Data, Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { data, _, error in
        box.set(error.map { .failure($0) } ?? .success(data ?? Data()))
        done.signal()
    }.resume()
    _ = done.wait(timeout: .now() + 30)
    return try (box.get() ?? .failure(CommandFailed(description: "no answer"))).get()
}

public let testCredentials = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing", source: .supplied)

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
    else { throw CommandFailed(description: "botocore's \(service) \(operation) request has no JSON body: \(reference)") }
    let headers = Dictionary(
        (reference["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }, uniquingKeysWith: { a, _ in a })
    return (body, headers)
}
