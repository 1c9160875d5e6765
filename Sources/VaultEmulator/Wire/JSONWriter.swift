import Foundation

/// Writes one JSON object straight into bytes, members in the order given, absent (nil) members
/// left out as AWS leaves them out. Hand-written rather than `JSONSerialization` because a page of
/// a thousand recovery points is written for every request of a full sync.
struct JSONWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var empty = true

    init() {}

    /// The finished object.
    var data: Data { Data(bytes + [UInt8(ascii: "}")]) }
    var finished: [UInt8] { bytes + [UInt8(ascii: "}")] }

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        name(key)
        Self.appendString(value, to: &bytes)
    }

    mutating func add(_ key: String, _ value: Int?) {
        guard let value else { return }
        name(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func add(_ key: String, _ value: Int64?) {
        guard let value else { return }
        name(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func add(_ key: String, _ value: Bool?) {
        guard let value else { return }
        name(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A timestamp as REST-JSON and JSON 1.1 carry it: epoch seconds, milliseconds as a fraction.
    mutating func add(_ key: String, date: Date?) {
        guard let date else { return }
        name(key)
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let fraction = millis % 1000
        bytes.append(contentsOf: String(millis / 1000).utf8)
        if fraction != 0 {
            let digits = String(fraction)
            bytes.append(contentsOf: ("." + String(repeating: "0", count: 3 - digits.count) + digits).utf8)
        }
    }

    mutating func add(_ key: String, object: JSONWriter?) {
        guard let object else { return }
        name(key)
        bytes.append(contentsOf: object.finished)
    }

    mutating func add(_ key: String, objects: [JSONWriter]) {
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (i, object) in objects.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: object.finished)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func add(_ key: String, strings: [String]?) {
        guard let strings else { return }
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (i, string) in strings.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendString(string, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An array of objects written in place, each by `write` (no intermediate writer per item: a
    /// page of a thousand recovery points is one buffer).
    mutating func add<S: Sequence>(_ key: String, each items: S, _ write: (inout JSONWriter, S.Element) -> Void) {
        name(key)
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "{"))
            empty = true
            write(&self, item)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        empty = false
    }

    /// A nested object written in place by `write`.
    mutating func add(_ key: String, _ write: (inout JSONWriter) -> Void) {
        name(key)
        bytes.append(UInt8(ascii: "{"))
        empty = true
        write(&self)
        bytes.append(UInt8(ascii: "}"))
        empty = false
    }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// A member whose value is already JSON text (a stored document).
    mutating func add(_ key: String, json: Data?) {
        guard let json else { return }
        name(key)
        bytes.append(contentsOf: json)
    }

    private mutating func name(_ key: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        Self.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var plain = string
        let clean = plain.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if clean {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
