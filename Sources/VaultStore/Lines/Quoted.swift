/// A string from a store line, quoted for a message an operator will read: control characters,
/// bidi overrides and other invisible format characters are shown as `\u{…}` escapes (so a hostile
/// value cannot restyle the terminal or reorder the message), and long values are cut.
struct Quoted: CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }

    static let limit = 60

    var description: String {
        var out = "\""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == Self.limit {
                out += "…"
                break
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
