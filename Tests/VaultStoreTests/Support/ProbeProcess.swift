import Foundation
import Glibc

/// The `vaultwatch-store-probe` writer as a real process: started with posix_spawn (a clean
/// signal mask, stdout to a file so what it printed before being killed can be read), waited for
/// with waitpid.
struct ProbeProcess {
    let pid: pid_t
    let output: URL

    /// Starts `vaultwatch-store-probe STORE PREFIX COUNT KIND MAX_BATCH [KEY]`.
    static func start(
        store: URL, prefix: String, count: Int, kind: String, maxBatch: Int = 1, key: URL? = nil, output: URL
    ) throws -> ProbeProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        let path = try executable.path
        let argv = [path, store.path, prefix, String(count), kind, String(maxBatch)] + (key.map { [$0.path] } ?? [])
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, &cArgs, environ)
        guard rc == 0 else { throw ProbeError("cannot start \(path): \(String(cString: strerror(rc)))") }
        return ProbeProcess(pid: pid, output: output)
    }

    /// Waits for the process; returns its exit code, or nil when a signal ended it.
    @discardableResult
    func wait() -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : nil
    }

    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// Kills it with SIGKILL at a random moment once it is writing (a busy machine can take a
    /// while to start it), and waits for it: whether a signal ended it.
    func killWhileWriting() -> Bool {
        let started = Date()
        while bytes(of: output).isEmpty && Date().timeIntervalSince(started) < 5 { usleep(1_000) }
        usleep(UInt32.random(in: 0...30_000))
        kill(SIGKILL)
        return wait() == nil
    }

    /// The ids it printed: each one's `append` had returned. A last line without its newline
    /// (killed mid-print) is not counted.
    var printedIds: [String] {
        let text = String(decoding: bytes(of: output), as: UTF8.self)
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()
        return parts
    }

    /// The probe SwiftPM built next to this test bundle, found the way the end-to-end tests find
    /// `vaultwatch`.
    static var executable: URL {
        get throws {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("vaultwatch-store-probe")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
            throw ProbeError("cannot find the built vaultwatch-store-probe near \(CommandLine.arguments[0])")
        }
    }
}

struct ProbeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
