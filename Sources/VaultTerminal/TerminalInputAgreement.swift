import CNCurses
import VaultTUI

/// The terminal's key and paste decoders held to what they promise, for the fuzzer
/// (`Fuzz/TerminalInput`) and its regression tests: any `get_wch` result decodes without a trap,
/// and a bracketed paste reads the same however the terminal's bytes are split into reads
/// (a split right after a lone ESC aside: at the end of a read that ESC is the Esc key, by design),
/// and no paste is longer than its limit.
@_spi(Fuzzing) public enum TerminalInputAgreement {
    /// Reads `bytes` as what `get_wch` returned: `0xFF` and four bytes is a function key (its
    /// code, little-endian), `0xFD` and four bytes any value at all, `0xFE` the end of a read,
    /// any other byte that character. Nil when the decoders keep their promises; else what broke.
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        var reads: [[KeyDecoder.Input]] = [[]]
        var i = 0
        func word() -> UInt32 {
            var value: UInt32 = 0
            for k in 0..<4 where i + k < bytes.count { value |= UInt32(bytes[i + k]) << (8 * k) }
            i += 4
            return value
        }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            let decoded: KeyDecoder.Input?
            switch b {
            case 0xFE:
                // A read may not end right after a lone ESC: there it would be the Esc key.
                if reads[reads.count - 1].last != .key(.escape) { reads.append([]) }
                continue
            case 0xFF: decoded = KeyDecoder.decode(status: KEY_CODE_YES, value: word())
            case 0xFD: decoded = KeyDecoder.decode(status: OK, value: word())
            default: decoded = KeyDecoder.decode(status: OK, value: UInt32(b))
            }
            if let decoded { reads[reads.count - 1].append(decoded) }
        }
        var whole = PasteDecoder()
        let once = whole.feed(reads.count == 1 ? reads[0] : reads.flatMap { $0 })
        if reads.count > 1 {
            var split = PasteDecoder()
            let inParts = reads.flatMap { split.feed($0) }
            guard once == inParts else { return "fed at once: \(once); fed in \(reads.count) reads: \(inParts)" }
        }
        for case .paste(let text) in once where text.count > PasteDecoder.limit {
            return "a paste of \(text.count) characters, past the limit of \(PasteDecoder.limit)"
        }
        return nil
    }
}
