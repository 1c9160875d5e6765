import Foundation

/// JSON that a terminal shows as text: every control character (C0, DEL, C1), every format
/// character (bidi embeddings, overrides, isolates and marks, zero-width spaces and joiners, the
/// BOM, tag characters) and the line and paragraph separators are written as `\uXXXX` escapes
/// (a surrogate pair beyond U+FFFF). Such characters only occur inside JSON strings, where the
/// escape stands for the same character: a parser reads the same value.
enum JSONInert {
    static func escape(_ json: Data) -> Data {
        // Fast path, as `escape(_: String)`'s: printable ASCII and newlines, as they are.
        if json.withUnsafeBytes({ $0.allSatisfy(isPlain) }) { return json }
        guard let text = String(data: json, encoding: .utf8) else { return json }
        return Data(escape(text).utf8)
    }

    static func escape(_ text: String) -> String {
        // Fast path: printable ASCII, and the newlines and indentation a pretty printer adds.
        if text.utf8.allSatisfy(isPlain) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" || scalar == "\r" {
                out.append(" ")
            } else if needsEscape(scalar) {
                for unit in String(scalar).utf16 {
                    out.append(contentsOf: "\\u".unicodeScalars)
                    let hex = String(unit, radix: 16)
                    out.append(contentsOf: (String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Printable ASCII, and the newlines and indentation a pretty printer adds.
    private static func isPlain(_ byte: UInt8) -> Bool { (byte >= 0x20 && byte < 0x7F) || byte == 0x0A }

    /// Whether a character must not reach a terminal raw. The newline between JSON tokens is kept
    /// (inside strings the encoder has already escaped it).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
