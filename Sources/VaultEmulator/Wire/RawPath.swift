import Foundation

/// The parts of a request target as AWS routes them: the raw path split on `/` before any
/// decoding (so an ARN label's `%2F` stays inside its segment, and a trailing slash is an empty
/// last segment), and the query's parameters decoded.
struct RawPath: Equatable {
    /// Raw, still-encoded segments after the leading `/`.
    let segments: [Substring]

    init(_ path: String) {
        segments = path.dropFirst(path.hasPrefix("/") ? 1 : 0).split(separator: "/", omittingEmptySubsequences: false)
    }

    /// Percent-decoding of one segment or query component; nil when it is not valid UTF-8 once
    /// decoded or holds a broken escape.
    static func decode(_ raw: Substring, plusAsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }
}

/// A query string's parameters, decoded; a repeated name keeps its first value.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = RawPath.decode(parts[0], plusAsSpace: true) else { continue }
            let value = parts.count > 1 ? RawPath.decode(parts[1], plusAsSpace: true) : ""
            if values[name] == nil, let value { values[name] = value }
        }
    }

    subscript(name: String) -> String? { values[name] }
}
