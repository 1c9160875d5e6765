import Foundation

/// Why a helper command failed, with what to run when a tool is missing.
public struct CommandFailed: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a finished command printed and how it ended.
public struct CommandOutcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `arguments` (through `/usr/bin/env`, so a tool is found on PATH) with `environment`
/// changes, waits for it, and returns what it printed. Output goes through temporary files, so a
/// chatty command never blocks on a full pipe.
public func runCommand(_ arguments: [String], environment changes: [String: String?] = [:], stdin: Data? = nil) throws
    -> CommandOutcome
{
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("vw-cmd-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in changes { environment[key] = value }
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return CommandOutcome(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// A free TCP port on 127.0.0.1.
public func freeLoopbackPort() throws -> Int {
    let outcome = try runCommand([
        "python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()",
    ])
    guard outcome.status == 0, let port = Int(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw CommandFailed("python3 could not find a free port: \(outcome.stderr)")
    }
    return port
}

/// Whether process `pid` itself holds a socket listening on 127.0.0.1:`port` (from /proc/net/tcp
/// and the process's descriptors). A free port picked by one process and bound by another is a
/// race: two servers started at once can be given the same port, and the one that fails to bind
/// must not take the other's answers for its own.
public func isListening(_ pid: Int32, on port: Int) -> Bool {
    guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return false }
    let local = "0100007F:" + String(format: "%04X", port)
    let inodes = Set(
        table.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, fields[1] == local, fields[3] == "0A" else { return nil }
            return "socket:[\(fields[9])]"
        })
    guard !inodes.isEmpty, let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
    return fds.contains { fd in
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")).map(inodes.contains) ?? false
    }
}

/// Starts a helper that prints `PORT <n>` on its first line once it listens; the child and the port.
public func startPrintingPort(_ arguments: [String], name: String) throws -> (ChildProcess, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let child = ChildProcess(process)
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { throw CommandFailed("\(name) exited before printing its port") }
        line += chunk
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let port = Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
        throw CommandFailed("\(name) printed \(text)")
    }
    return (child, port)
}

/// A child process stopped (SIGTERM, then SIGKILL after 2 s) when released.
public final class ChildProcess: @unchecked Sendable {
    public let process: Process
    public init(_ process: Process) { self.process = process }

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
