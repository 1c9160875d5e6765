import Foundation

/// How a listing command ends once everything is written: the process exits at once, and what it
/// read is left for the system to take back with the process's memory rather than freed object by
/// object (a tenth of `vaultwatch alerts`' time on a store of 15,000 alerts). Output goes straight
/// to the file descriptors (`FileHandle`), so nothing is left unwritten; only for commands run as
/// their own process, never in a test's.
enum QuickExit {
    static func now<T>(keeping value: T) -> Never {
        withExtendedLifetime(value) { exit(EXIT_SUCCESS) }
    }
}
