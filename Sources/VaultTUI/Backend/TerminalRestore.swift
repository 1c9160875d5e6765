import CNCurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file descriptor signal handlers write to (the inbox's self-pipe). A plain global, as a C
/// signal handler cannot capture context; it is written once before handlers are installed.
nonisolated(unsafe) var signalWakeFD: Int32 = -1

/// Leaves the terminal usable on every way out: a quit signal becomes a message to the loop
/// (which then shuts down cleanly); a fatal signal restores the terminal and dies as it would have.
enum TerminalRestore {
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install() {
        unblock(quitSignals + [SIGWINCH, SIGTSTP, SIGCONT])
        for s in quitSignals {
            signal(s) { signo in
                var b = UInt8(truncatingIfNeeded: signo)
                _ = write(signalWakeFD, &b, 1)
            }
        }
        for s in fatalSignals {
            signal(s) { signo in
                endwin()
                signal(signo, SIG_DFL)
                raise(signo)
            }
        }
        atexit { endwin() }
    }

    /// A parent can start us with signals blocked (threads of Dispatch and many test runners
    /// block them, and children inherit the mask): a blocked SIGWINCH would freeze the layout
    /// on resize and a blocked SIGTERM would make the dashboard unkillable. The main thread,
    /// which owns the terminal, takes them.
    static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func uninstall() {
        for s in quitSignals + fatalSignals { signal(s, SIG_DFL) }
    }
}

/// While curses owns the screen, anything written to stderr would land in the middle of it.
/// Capture it in a temporary file and replay it once the terminal is restored (htop does this).
final class StderrCapture {
    private var saved: Int32 = -1
    private var file: URL?

    func begin() {
        guard isatty(2) != 0 else { return }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-stderr-\(getpid()).log")
        let fd = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        saved = dup(2)
        dup2(fd, 2)
        close(fd)
        file = url
    }

    func end() {
        guard saved >= 0, let file else { return }
        dup2(saved, 2)
        close(saved)
        saved = -1
        if let data = try? Data(contentsOf: file), !data.isEmpty {
            FileHandle.standardError.write(data)
        }
        try? FileManager.default.removeItem(at: file)
        self.file = nil
    }
}
