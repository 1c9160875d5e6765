import Foundation

/// What every fuzzer shares: one check of one input, run by libFuzzer when built with the
/// sanitizers (`.ci/fuzz`), and by `replay` otherwise: `fuzz-… FILE…` runs the check on each
/// file (a crash found, a corpus), says what broke, and exits 1 if anything did.
public enum FuzzCheck {
    /// Runs `check` on `bytes`; a broken promise stops the process (libFuzzer records the input).
    public static func run(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ check: ([UInt8]) -> String?) -> Int32 {
        let input = Array(UnsafeBufferPointer(start: bytes, count: count))
        if let broken = check(input) { fail(broken) }
        return 0
    }

    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz check failed: \(message)\n".utf8))
        abort()
    }

    /// The plain build's entry point: each file named on the command line through `check`.
    public static func replay(_ check: ([UInt8]) -> String?) -> Never {
        var broken = 0
        let files = CommandLine.arguments.dropFirst()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot be read\n".utf8))
                exit(2)
            }
            if let message = check(Array(data)) {
                broken += 1
                FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
            }
        }
        print("\(files.count) inputs replayed, \(broken) broke a check")
        exit(broken == 0 ? 0 : 1)
    }

    /// The part of `bytes` before the first `separator` and the part after it (empty when absent).
    public static func split(_ bytes: [UInt8], at separator: UInt8) -> ([UInt8], [UInt8]) {
        guard let i = bytes.firstIndex(of: separator) else { return (bytes, []) }
        return (Array(bytes[..<i]), Array(bytes[(i + 1)...]))
    }
}
