/// A `cidr` filter: an IPv4 (`10.0.0.0/24`) or IPv6 (`2001:db8::/64`) network. An event value matches when it
/// is a string holding an address of the same family whose first `prefixLength` bits equal the network's.
struct EventPatternCIDR: Equatable, Sendable {
    let network: [UInt8]
    let prefixLength: Int

    static func parse(_ text: String) -> Result<EventPatternCIDR, EventPatternFailure> {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let address = parseAddress(String(pieces[0])),
            let length = Int(pieces[1]), pieces[1].allSatisfy(\.isASCII), pieces[1].allSatisfy(\.isNumber),
            (0...(address.count * 8)).contains(length)
        else { return .failure(EventPatternFailure("malformed CIDR \"\(text)\"")) }
        return .success(EventPatternCIDR(network: address, prefixLength: length))
    }

    func matches(_ text: String) -> Bool {
        guard let address = Self.parseAddress(text), address.count == network.count else { return false }
        var remaining = prefixLength
        for (a, n) in zip(address, network) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != n & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// 4 bytes for dotted IPv4, 16 for IPv6 (with `::` and a trailing dotted IPv4 allowed); nil otherwise.
    static func parseAddress(_ text: String) -> [UInt8]? {
        if text.contains(":") { return parseIPv6(text) }
        return parseIPv4(Substring(text))
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = UInt8(octet)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() {
                if allowIPv4Tail, index == fields.count - 1, field.contains(".") {
                    guard let tail = parseIPv4(field) else { return nil }
                    bytes += tail
                    continue
                }
                guard (1...4).contains(field.count), field.allSatisfy(\.isHexDigit),
                    let value = UInt16(field, radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowIPv4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowIPv4Tail: false),
            let tail = groups(halves[1], allowIPv4Tail: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
