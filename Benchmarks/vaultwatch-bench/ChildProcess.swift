import Foundation
import Glibc
import VaultBench

/// One run of a program, its output thrown away: the wall-clock time from spawning it to reaping it,
/// and the CPU time (user + system) the kernel accounted to it (`wait4`), so a command is timed as a
/// person who runs it waits for it, process start included.
enum ChildProcess {
    /// Runs `arguments[0]` (found on PATH when it has no `/`) with the rest; throws unless it exits
    /// with one of `statuses`.
    static func time(_ arguments: [String], statuses: Set<Int32> = [0]) throws -> Spent {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Monotonic.now()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError("\(arguments[0]) cannot be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Monotonic.seconds(since: start)
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, statuses.contains(code) else {
            throw BenchError(
                "\(arguments.joined(separator: " ")) "
                    + (exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"))
        }
        func cpu(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Spent(seconds: seconds, cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime))
    }
}
