import Foundation

/// A real terminal for end-to-end tests: the built `vaultwatch` running inside a detached tmux
/// session on its own server socket, driven with send-keys and read with capture-pane.
final class TmuxSession {
    let socket: String
    let name = "vw"
    private(set) var isOpen = false

    init(label: String) {
        socket = "vw-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    deinit { kill() }

    /// Starts `command` in a `width`×`height` terminal.
    func start(_ command: [String], width: Int, height: Int, environment: [String: String]) throws {
        var args = ["-u", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command.map(Shell.quote).joined(separator: " "))
        try Shell.run("tmux", args)
        isOpen = true
        try Shell.run("tmux", ["-L", socket, "set-option", "-t", name, "remain-on-exit", "on"])
    }

    func send(_ keys: String...) throws { try Shell.run("tmux", ["-L", socket, "send-keys", "-t", name] + keys) }

    /// Types text literally (no key names).
    func type(_ text: String) throws { try Shell.run("tmux", ["-L", socket, "send-keys", "-t", name, "-l", text]) }

    func capture() throws -> String { try Shell.run("tmux", ["-L", socket, "capture-pane", "-p", "-t", name]) }

    func resize(width: Int, height: Int) throws {
        try Shell.run("tmux", ["-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether the program in the pane has exited.
    func paneIsDead() throws -> Bool {
        try Shell.run("tmux", ["-L", socket, "display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `condition` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError("timed out after \(Int(timeout)) s waiting for \(what); screen was:\n\(screen)")
    }

    func waitUntilExited(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try paneIsDead() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError("vaultwatch did not exit within \(Int(timeout)) s; screen was:\n\(try capture())")
    }

    func kill() {
        guard isOpen else { return }
        isOpen = false
        _ = try? Shell.run("tmux", ["-L", socket, "kill-server"])
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

enum Shell {
    @discardableResult
    static func run(_ tool: String, _ args: [String], environment: [String: String]? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw E2EError("\(tool) \(args.joined(separator: " ")) exited \(p.terminationStatus): \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// The `vaultwatch` executable SwiftPM built next to this test bundle.
enum Built {
    static var vaultwatch: URL {
        get throws {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("vaultwatch")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
            throw E2EError("cannot find the built vaultwatch executable near \(CommandLine.arguments[0])")
        }
    }
}
