import Foundation
import VaultBench

/// A peer program run by the harness: its JSON answer on stdout and its whole-process wall time,
/// or why it could not be measured.
enum Peer {
    struct Result {
        var json: [String: Any]
        var seconds: Double

        func number(_ key: String) -> Double? { (json[key] as? NSNumber)?.doubleValue }
    }

    /// `python3 Benchmarks/peers/<script> args…`, which prints one JSON object.
    static func python(_ script: String, _ arguments: [String]) -> Swift.Result<Result, PeerUnavailable> {
        run("python3", [Paths.peer(script)] + arguments, parse: true)
    }

    /// Runs a program found on PATH; with `parse`, its stdout must be one JSON object, otherwise
    /// stdout is thrown away.
    static func run(_ program: String, _ arguments: [String], parse: Bool) -> Swift.Result<Result, PeerUnavailable> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = parse ? stdout : FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = stderr
        let start = Monotonic.now()
        do {
            try process.run()
        } catch {
            return .failure(PeerUnavailable("\(program) cannot be started: \(error)"))
        }
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        let errors = Reader(stderr.fileHandleForReading)
        let output = parse ? stdout.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        let seconds = Monotonic.seconds(since: start)
        let message = String(decoding: errors.finish(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let last = message.split(separator: "\n").last.map(String.init) ?? "no message"
            if process.terminationStatus == 127 {
                return .failure(PeerUnavailable("\(program) not found (run .ci/bench-setup)"))
            }
            return .failure(PeerUnavailable("\(program) exited \(process.terminationStatus): \(last)"))
        }
        guard parse else { return .success(Result(json: [:], seconds: seconds)) }
        guard let json = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] else {
            return .failure(PeerUnavailable("\(program) printed no JSON object"))
        }
        return .success(Result(json: json, seconds: seconds))
    }

    /// Whether python3 can import a module: a peer needing it is n/a otherwise.
    static func pythonHas(_ module: String) -> PeerUnavailable? {
        switch run("python3", ["-c", "import \(module)"], parse: false) {
        case .success: return nil
        case .failure: return PeerUnavailable("python3 cannot import \(module) (run .ci/bench-setup)")
        }
    }
}

struct PeerUnavailable: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Drains a pipe on a background thread.
private final class Reader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
