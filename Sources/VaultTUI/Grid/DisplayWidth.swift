/// How many terminal columns a grapheme occupies, following what wcwidth-based terminals do:
/// East Asian wide and fullwidth characters and emoji take two, combining marks add nothing,
/// an emoji presentation selector (VS16) widens its base to two, an emoji ZWJ sequence is one
/// wide glyph. A joiner after anything but an emoji joins nothing and adds nothing (the
/// terminal backend sends only what every terminal draws the same: see `TerminalGlyph`).
public enum DisplayWidth {
    public static func of(_ grapheme: Character) -> Int {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }  // ASCII fast path
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        // Regional-indicator pairs (flags) and ZWJ sequences of emoji are drawn as one wide glyph.
        if scalars.count > 1, first.properties.isEmoji, first.value > 0xFF,
            scalars.contains(where: { $0.value == 0x200D })
        {
            return 2
        }
        if isRegionalIndicator(first.value) { return scalars.count >= 2 ? 2 : 1 }
        return scalarWidth(first)
    }

    public static func of(_ text: String) -> Int {
        // Printable ASCII: one column a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for g in text { total += of(g) }
        return total
    }

    static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }

    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let p = s.properties
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        let v = s.value
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }  // ZWSP, Hangul medial vowels
        if isWide(v) { return 2 }
        if p.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, as glibc's wcwidth treats them.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
            0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
