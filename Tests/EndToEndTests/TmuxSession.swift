import Foundation
import VaultStore

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
        let environment = environment.merging(["XDG_CONFIG_HOME": Shell.configHome]) { given, _ in given }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command.map(Shell.quote).joined(separator: " "))
        // The tmux server inherits the client's stdout and stderr: give it /dev/null, or reading
        // them to the end would wait for the server to exit.
        try Shell.run("tmux", args, capture: false)
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

    /// Sends keys, then waits until the screen shows `what` (the state they should lead to).
    @discardableResult
    func press(_ keys: String..., until what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        try Shell.run("tmux", ["-L", socket, "send-keys", "-t", name] + keys)
        return try waitFor(what, timeout: timeout, condition)
    }

    func kill() {
        guard isOpen else { return }
        isOpen = false
        _ = try? Shell.run("tmux", ["-L", socket, "kill-server"])
    }
}

/// The dashboard's state as its screen says it, read back from a capture.
enum ScreenState {
    /// `(first, last, total)` of a "N–M of K" position (a scrolled detail, a list's window) on `line`.
    static func position(_ line: Substring) -> (first: Int, last: Int, total: Int)? {
        guard let r = line.range(of: #"\d[\d,]*–\d[\d,]* of \d[\d,]*"#, options: .regularExpression) else { return nil }
        let numbers = line[r].split { !$0.isNumber && $0 != "," }.compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        return numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : nil
    }

    static func lines(_ screen: String) -> [Substring] { screen.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The list's status on the rule above the pane: `filter “x”: 12 of 400 · by expires ▲ · 1–11 of 12`.
    static func listStatus(_ screen: String) -> Substring? { lines(screen).first { $0.hasPrefix("──") && $0.contains(" by ") } }

    /// The rows of the list (between the column titles and the pane's rule).
    static func rows(_ screen: String) -> [Substring] {
        let all = lines(screen)
        guard let header = all.firstIndex(where: { $0.hasPrefix(" ") && ($0.contains(" ▲") || $0.contains(" ▼")) }) else { return [] }
        return Array(all[(header + 1)...].prefix { !$0.hasPrefix("──") && !$0.isEmpty })
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Runs tools with posix_spawn and waitpid. Foundation's Process is not used: from a test
/// runner's worker thread it passes on a blocked signal mask (the tmux server and the program in
/// the pane would inherit it) and its wait can hang on a child that daemonizes, as tmux does.
enum Shell {
    @discardableResult
    static func run(_ tool: String, _ args: [String], capture: Bool = true) throws -> String {
        let result = try outcome(tool, args, capture: capture)
        guard result.status == 0 else {
            throw E2EError("\(tool) \(args.joined(separator: " ")) failed (status \(result.status)): \(result.stderr)\(result.stdout)")
        }
        return result.stdout
    }

    /// Runs a tool to the end: its wait status (the exit code shifted left by 8, or the signal)
    /// and what it wrote.
    static func outcome(_ tool: String, _ args: [String], capture: Bool = true) throws -> (status: Int32, stdout: String, stderr: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vw-e2e-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let errors = output.appendingPathExtension("err")
        defer { try? FileManager.default.removeItem(at: errors) }
        let pid = try spawn(tool, args, stdout: capture ? output.path : "/dev/null", stderr: errors.path)
        let status = wait(pid)
        let text = capture ? ((try? String(contentsOf: output, encoding: .utf8)) ?? "") : ""
        return (status, text, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Starts a tool with stdin from /dev/null and stdout and stderr to files (never a pipe: a
    /// daemon that keeps it open cannot block us), with a clean signal mask.
    static func spawn(_ tool: String, _ args: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // The tests' own configuration directory; after env's option when `tool` is one (`-i`: an
        // empty environment, then the caller's assignments, which may name another).
        let config = "XDG_CONFIG_HOME=\(configHome)"
        let argv = tool.hasPrefix("-") ? ["/usr/bin/env", tool, config] + args : ["/usr/bin/env", config, tool] + args
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, &attr, &cArgs, environ)
        guard rc == 0 else { throw E2EError("cannot start \(tool): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for a child; returns its wait status.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// The configuration directory every program the tests start uses (its digest signing key
    /// included), so the tests never touch the user's own; one per test process. The key is made
    /// here, before any program starts: otherwise whichever test's program ran first would also
    /// say it made one, a line on its stderr that test did not expect.
    static let configHome: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vw-e2e-config-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            _ = try DigestKey.loadOrCreate(at: DigestKey.defaultFile(environment: ["XDG_CONFIG_HOME": dir]))
        } catch {
            // Not fatal, but the first program to run will then say it made one.
            FileHandle.standardError.write(Data("end-to-end tests: cannot make the digest key in \(dir): \(error)\n".utf8))
        }
        return dir
    }()

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
