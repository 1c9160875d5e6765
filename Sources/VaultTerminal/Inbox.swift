import Foundation
import VaultTUI
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How the background worker (and signal handlers) reach the main loop: messages go into a
/// mutex-guarded box and one byte into a non-blocking self-pipe, which the loop polls together
/// with the terminal. Snapshots are coalesced: only the newest waiting one is kept.
public final class Inbox: Sendable {
    private struct Contents {
        var snapshot: Msg?
        var messages: [Msg] = []
    }

    private let contents = Mutex(Contents())
    public let readFD: Int32
    public let writeFD: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        for fd in fds where fd >= 0 {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    public func post(_ msg: Msg) {
        contents.withLock {
            if case .snapshot = msg { $0.snapshot = msg } else { $0.messages.append(msg) }
        }
        wake()
    }

    /// One byte on the pipe; a full pipe already means "wake up", so EAGAIN is fine.
    public func wake(_ byte: UInt8 = 0) {
        var b = byte
        _ = write(writeFD, &b, 1)
    }

    /// Empties the pipe; returns any non-zero bytes (signal numbers written by handlers).
    func drainPipe() -> [UInt8] {
        var signals: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            signals += buffer[0..<n].filter { $0 != 0 }
        }
        return signals
    }

    /// The waiting messages, in order, then the newest snapshot.
    func take() -> [Msg] {
        contents.withLock {
            var out = $0.messages
            if let s = $0.snapshot { out.append(s) }
            $0 = Contents()
            return out
        }
    }
}
