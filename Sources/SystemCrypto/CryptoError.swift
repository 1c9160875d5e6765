import COpenSSL

/// Why libcrypto refused an operation: what was asked, then the reasons OpenSSL queued for it
/// (`error:…:reason`). OpenSSL's error texts never carry key bytes, and neither does anything added here.
public struct CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }

    /// `operation` failed: its reasons taken from this thread's error queue, which is left empty.
    static func libcrypto(_ operation: String) -> CryptoError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            reasons.append(text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return CryptoError(reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))")
    }

    /// Empties this thread's error queue before an operation, so a failure reports only its own reasons
    /// (libcurl shares the process's libcrypto and may leave errors behind).
    static func clearQueue() {
        CryptoLibrary.prepare()
        ERR_clear_error()
    }
}
