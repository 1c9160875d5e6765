import Foundation
import VaultBench

#if canImport(Glibc)
    import Glibc
#endif

/// A child process on a real pseudo-terminal: it draws with ncurses on the slave side; the
/// harness types into the master and reads what the child drew, as a terminal emulator would.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t

    /// Starts `arguments` (the program first) on a new pseudo-terminal of `width`×`height`.
    init(_ arguments: [String], width: Int, height: Int, environment: [String: String]) throws {
        let fd = Self.openpt(O_RDWR | O_NOCTTY)
        guard fd >= 0, Self.grantpt(fd) == 0, Self.unlockpt(fd) == 0, let name = Self.ptsname(fd) else {
            throw BenchError("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = String(cString: name)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A new session, then the slave opened first: it becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, fd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetsid)
        // ncurses takes the size from LINES and COLUMNS when they are set.
        let env = environment.merging(["LINES": "\(height)", "COLUMNS": "\(width)"]) { $1 }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, arguments[0], &actions, &attributes, &argv, &envp)
        guard rc == 0 else {
            close(fd)
            throw BenchError("cannot start \(arguments[0]) on a pseudo-terminal: \(String(cString: strerror(rc)))")
        }
        master = fd
        pid = child
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    // The pseudo-terminal calls of <stdlib.h> that Glibc's module leaves out (they need
    // _XOPEN_SOURCE): looked up in the C library by name, with their C signatures.
    private static func c<T>(_ name: String, _ type: T.Type) -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("no \(name) in the C library") }
        return unsafeBitCast(symbol, to: type)
    }
    private static let openpt = c("posix_openpt", (@convention(c) (Int32) -> Int32).self)
    private static let grantpt = c("grantpt", (@convention(c) (Int32) -> Int32).self)
    private static let unlockpt = c("unlockpt", (@convention(c) (Int32) -> Int32).self)
    private static let ptsname = c("ptsname", (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    /// glibc's POSIX_SPAWN_SETSID (<spawn.h>, under _GNU_SOURCE).
    private static let spawnSetsid: Int16 = 0x80

    /// Types `text` as keys.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// What the child drew within `timeout` seconds (returns as soon as some output came).
    func read(timeout: Double) -> [UInt8] {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 1, Int32(max(timeout, 0) * 1000)) > 0 else { return [] }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = Glibc.read(master, &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    /// Reads and throws away whatever the child draws for `seconds`; returns how many bytes.
    @discardableResult
    func drain(for seconds: Double) -> Int {
        let end = Monotonic.now() + UInt64(seconds * 1e9)
        var bytes = 0
        while true {
            let now = Monotonic.now()
            guard now < end else { break }
            bytes += read(timeout: Double(end - now) / 1e9).count
        }
        return bytes
    }

    /// CPU time the child has used so far (user and system), in seconds, from /proc.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return .nan }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Asks the child to quit with `q`, and waits for it (killing it after `timeout`).
    func quit(timeout: Double = 10) {
        type("q")
        let end = Monotonic.now() + UInt64(timeout * 1e9)
        var status: Int32 = 0
        while Monotonic.now() < end {
            drain(for: 0.05)
            if waitpid(pid, &status, WNOHANG) == pid {
                close(master)
                return
            }
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        close(master)
    }
}
