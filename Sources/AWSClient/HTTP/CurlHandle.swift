import CCurl
import Foundation
import SystemCrypto

/// One libcurl easy handle and its error buffer. Used by one request at a time; `curl_easy_reset`
/// between requests clears the options but keeps the live connections, so a handle taken again
/// from the pool reuses its keep-alive connection.
final class CurlHandle: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// libcrypto first, without its exit-time cleanup (see `CryptoLibrary`): libcurl initialises
    /// OpenSSL too, and the first initialisation decides.
    private static let globalInit: CURLcode = {
        CryptoLibrary.prepare()
        return ccurl_global_init()
    }()

    /// Why no handle can be made: libcurl could not be opened or initialised (nil when it was).
    static var unavailable: String? {
        guard globalInit != CURLE_OK else { return nil }
        let why = String(cString: ccurl_load_error())
        return why.isEmpty ? "libcurl could not be initialised" : why
    }

    init?() {
        guard Self.globalInit == CURLE_OK, let easy = ccurl_easy_init() else { return nil }
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        ccurl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Clears every option (connections stay) and the error text of the last request.
    func reset() {
        ccurl_easy_reset(easy)
        errorBuffer[0] = 0
        _ = ccurl_set_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    /// The error buffer's text, or libcurl's description of `code` when the buffer is empty.
    func errorText(_ code: CURLcode) -> String {
        let text = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? String(cString: ccurl_easy_strerror(code)) : text
    }
}

/// The idle easy handles of one transport, most recently used first out (its connection is the
/// likeliest to be alive). At most `capacity` are kept; more are made when more threads send at once.
final class CurlHandlePool: Sendable {
    private let idle = Locked<[CurlHandle]>([])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func take() -> CurlHandle? { idle.withLock { $0.popLast() } ?? CurlHandle() }

    /// Keeps `handle` for the next request; past `capacity` it is let go (and closed) by the caller.
    func give(back handle: CurlHandle) {
        idle.withLock { if $0.count < capacity { $0.append(handle) } }
    }
}
