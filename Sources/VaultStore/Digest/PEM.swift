import SystemCrypto

/// PEM armour: base64 in lines of 64 between BEGIN and END lines. It works on bytes, with no string
/// or `Data` in between, so that a private key's armour is one buffer its caller can wipe.
enum PEM {
    /// `der` armoured under `label`, in a buffer sized once (growing it would leave copies behind).
    static func encode(_ der: [UInt8], label: String) -> [UInt8] {
        let begin = Array("-----BEGIN \(label)-----\n".utf8)
        let end = Array("-----END \(label)-----\n".utf8)
        let characters = (der.count + 2) / 3 * 4
        var out: [UInt8] = []
        out.reserveCapacity(begin.count + characters + (characters + 63) / 64 + end.count)
        out += begin
        var column = 0
        var index = 0
        while index < der.count {
            let chunk = der[index..<min(index + 3, der.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)] : pad)
            }
            column += 4
            index += 3
            if column == 64 || index >= der.count {
                out.append(UInt8(ascii: "\n"))
                column = 0
            }
        }
        out += end
        return out
    }

    /// The bytes armoured under `label` in `text` (whitespace in the base64 ignored), or nil when
    /// there are none or the base64 is not valid with its padding.
    static func decode(_ text: ArraySlice<UInt8>, label: String) -> [UInt8]? {
        let begin = Array("-----BEGIN \(label)-----".utf8)
        let end = Array("-----END \(label)-----".utf8)
        guard let from = firstRange(of: begin, in: text, from: text.startIndex),
            let to = firstRange(of: end, in: text, from: from.upperBound)
        else { return nil }
        var sextets: [UInt8] = []
        sextets.reserveCapacity(to.lowerBound - from.upperBound)
        var padding = 0
        for byte in text[from.upperBound..<to.lowerBound] where !isWhitespace(byte) {
            if byte == pad {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet[Int(byte)] else { return nil }
            sextets.append(value)
        }
        guard (sextets.count + padding) % 4 == 0, padding <= 2, padding == 0 || sextets.count % 4 == 4 - padding else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index < sextets.count {
            let group = sextets[index..<min(index + 4, sextets.count)]
            let value = group.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (18 - 6 * UInt32($1.offset)) }
            for position in 0..<(group.count - 1) { out.append(UInt8(truncatingIfNeeded: value >> (16 - 8 * UInt32(position)))) }
            index += 4
        }
        SecretBytes.wipe(&sextets)
        return out
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let pad = UInt8(ascii: "=")
    private static let sextet: [UInt8?] = (0..<256).map { byte in alphabet.firstIndex(of: UInt8(byte)).map(UInt8.init) }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func firstRange(of needle: [UInt8], in text: ArraySlice<UInt8>, from start: Int) -> Range<Int>? {
        var index = start
        while index + needle.count <= text.endIndex {
            if text[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index += 1
        }
        return nil
    }
}
