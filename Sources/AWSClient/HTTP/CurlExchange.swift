import CCurl
import Foundation

/// What libcurl's callbacks gather during one request: the body, the headers of the final response
/// (an interim `100 Continue` or a proxy's `CONNECT` answer is dropped when the next status line
/// starts), and whether the caller cancelled. Handed to libcurl as an unretained pointer that lives
/// for the duration of `curl_easy_perform`.
final class CurlExchange {
    var body = Data()
    var headers = HTTPHeaders()
    let cancellation: CancellationHandle?

    init(cancellation: CancellationHandle?) { self.cancellation = cancellation }

    /// Runs `body` with this exchange's pointer wired as the context of libcurl's body, header and
    /// progress callbacks on `easy`.
    func wire<T>(to easy: UnsafeMutableRawPointer, _ body: () throws -> T) rethrows -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = ccurl_set_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let exchange = Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue()
            if let data { exchange.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }
        _ = ccurl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = ccurl_set_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let exchange = Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue()
            if let data {
                exchange.receive(headerLine: UnsafeRawBufferPointer(start: data, count: size * count))
            }
            return size * count
        }
        _ = ccurl_set_pointer(easy, CURLOPT_HEADERDATA, context)
        // Called about once a second while waiting, and as data moves: a non-zero answer aborts.
        _ = ccurl_set_long(easy, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_set_progress_callback(easy) { context, _, _, _, _ in
            let exchange = Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue()
            return exchange.cancellation?.isCancelled == true ? 1 : 0
        }
        _ = ccurl_set_pointer(easy, CURLOPT_XFERINFODATA, context)
        return try withExtendedLifetime(self) { try body() }
    }

    private func receive(headerLine bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            body = Data()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { headers.add(name, value) }
        }
    }
}
