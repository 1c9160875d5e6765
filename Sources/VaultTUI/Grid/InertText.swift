/// Every string shown on screen came from outside (vault names, tags, principals, error
/// messages, notes). Before it reaches the grid it is made inert: control characters, escape
/// sequences and bidirectional overrides cannot move the cursor, change colours or reorder text.
public enum InertText {
    /// Shown in place of a character that could act on the terminal.
    public static let replacement: Character = "\u{FFFD}"

    /// `text` with C0/C1 controls (ESC included, so no escape sequence survives), DEL, bidi
    /// embeddings/overrides/isolates/marks and stray format characters replaced; tabs and line
    /// breaks become single spaces.
    public static func make(_ text: String) -> String {
        // Fast path: plain printable ASCII needs no work.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // Nothing but printable Latin and the dashboard's own symbols: nothing to change either.
        if text.unicodeScalars.allSatisfy(isPlain) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var marks = 0
        var previousIsEmoji = false
        for (i, scalar) in scalars.enumerated() {
            // Most of what is drawn is printable Latin or the dashboard's own symbols: kept as
            // they are, without looking up Unicode properties.
            if isPlain(scalar) {
                out.append(scalar)
                marks = 0
                previousIsEmoji = false
                continue
            }
            let treatment = classify(scalar)
            // A joiner joins two emoji; anywhere else it only hides itself (and shifts columns
            // in terminals that count it): dropped.
            if scalar.value == 0x200D {
                let nextIsEmoji = i + 1 < scalars.count && Self.isEmoji(scalars[i + 1])
                if previousIsEmoji && nextIsEmoji { out.append(scalar) }
                continue
            }
            // More than a few combining marks on one letter only pile up ("zalgo"): dropped.
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
                marks += 1
                if marks > maxMarks { continue }
            } else {
                marks = 0
            }
            switch treatment {
            case .keep: out.append(scalar)
            case .space: out.append(" ")
            case .replace: out.append(contentsOf: String(replacement).unicodeScalars)
            }
            if scalar.properties.generalCategory != .nonspacingMark, scalar.value != 0xFE0F, !(0x1F3FB...0x1F3FF).contains(scalar.value) {
                previousIsEmoji = Self.isEmoji(scalar)
            }
        }
        return String(out)
    }

    /// Printable characters that are neither marks, joiners, selectors, controls nor emoji: Latin
    /// (U+00A0–U+02FF but the soft hyphen, a format character), general punctuation up to the
    /// line separator (– — ‘ ’ “ ” • …), arrows, box drawing and geometric shapes (─ │ ▲ ▼ ▶).
    @inline(__always) static func isPlain(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return true }
        if v >= 0xA0 && v < 0x300 { return v != 0xAD }
        if v >= 0x2010 && v < 0x2028 { return true }
        if v >= 0x2190 && v < 0x21FF { return v != 0x2194 && v != 0x2195 && !(0x2196...0x2199).contains(v) && v != 0x21A9 && v != 0x21AA }
        if v >= 0x2500 && v < 0x25A0 { return true }
        return v == 0x25B2 || v == 0x25BC || v == 0x25B6 || v == 0x25CF || v == 0x2713 || v == 0x2717
    }

    /// Combining marks kept on one base character (ncurses holds four with the base).
    public static let maxMarks = 4

    static func isEmoji(_ s: Unicode.Scalar) -> Bool { s.value > 0xFF && s.properties.isEmoji }

    enum Treatment { case keep, space, replace }

    static func classify(_ s: Unicode.Scalar) -> Treatment {
        let v = s.value
        switch v {
        case 0x09, 0x0A, 0x0D: return .space
        case 0x00..<0x20, 0x7F..<0xA0: return .replace  // C0, DEL, C1 (CSI 0x9B among them)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .replace  // bidi controls
        case 0x2028, 0x2029: return .space  // line/paragraph separators
        case 0xFFF9...0xFFFB: return .replace  // interlinear annotation controls
        case 0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return .keep  // ZWJ and variation selectors join graphemes
        default:
            if s.properties.generalCategory == .format { return .replace }  // e.g. U+200B, U+2060, U+FEFF, tag chars
            if s.properties.generalCategory == .unassigned, v > 0xFFFF, !(0x1F000...0x1FAFF).contains(v) {
                return .replace
            }
            if s.properties.generalCategory == .privateUse || s.properties.generalCategory == .surrogate {
                return .replace
            }
            return .keep
        }
    }
}
