import Foundation

/// Unicode's confusable skeletons (UTS #39 §4): two strings that look alike to a reader have the
/// same skeleton, so `BackupVaultAdmіn` with a Cyrillic і reads as the admin role it is not.
public enum Confusables {
    /// Each code point's prototype sequence, from `ConfusablesData`.
    static let table: [UInt32: [Unicode.Scalar]] = {
        var out: [UInt32: [Unicode.Scalar]] = [:]
        out.reserveCapacity(6_400)
        for line in data.split(separator: "\n") {
            let fields = line.split(separator: " ").compactMap { UInt32($0, radix: 16) }
            guard let source = fields.first, fields.count > 1 else { continue }
            out[source] = fields.dropFirst().compactMap(Unicode.Scalar.init)
        }
        return out
    }()

    /// The prototypes of the ASCII characters that have one (the table's only ASCII sources; a
    /// test holds the two to each other), so an ASCII name, nearly every one, is mapped without
    /// building the table of 6,311.
    static let asciiPrototypes: [UInt8: String] = [
        0x22: "''", 0x25: "\u{BA}/\u{2080}", 0x30: "O", 0x31: "l", 0x49: "l", 0x60: "'", 0x6D: "rn", 0x7C: "l",
    ]

    /// skeleton(X): NFD, every code point replaced by its prototype, NFD again. (ASCII is its own
    /// NFD, and so are its prototypes.)
    public static func skeleton(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out = ""
            for byte in text.utf8 {
                if let prototype = asciiPrototypes[byte] { out += prototype } else { out.unicodeScalars.append(Unicode.Scalar(byte)) }
            }
            return out
        }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if let prototype = table[scalar.value] { out.append(contentsOf: prototype) } else { out.append(scalar) }
        }
        return String(out).decomposedStringWithCanonicalMapping
    }

    /// `text` without what a reader cannot see: default-ignorable code points (zero-width spaces
    /// and joiners, bidi marks, variation selectors, tags) and every kind of space.
    public static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isDefaultIgnorableCodePoint || p.isWhitespace || p.generalCategory == .format
                || p.generalCategory == .spaceSeparator || drawnBlank.contains(scalar.value)
            {
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Characters that are neither spaces nor ignorable yet draw as blanks: the braille blank and
    /// the Hangul fillers (a `BackupVaultAdmin` followed by U+2800 passed as another name).
    static let drawnBlank: Set<UInt32> = [0x2800, 0x115F, 0x1160, 0x3164, 0xFFA0]

    /// Whether `a` and `b` differ yet read the same: equal skeletons once invisible characters
    /// and spaces are gone, and the letters drawn as one vertical stroke taken as one (UTS #39
    /// maps the Cyrillic palochka `ӏ` to `i`, yet in a terminal's font it is the `l` of
    /// `BackupVaultAdmin`).
    public static func looksAlike(_ a: String, _ b: String) -> Bool {
        a != b && strokes(skeleton(visible(a))) == strokes(skeleton(visible(b)))
    }

    /// `i`, `l`, `I`, `1`, `|` and the dotless `ı` as one letter.
    static func strokes(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "i", "I", "1", "|", "\u{131}": return "l"
            default: return scalar
            }
        }))
    }
}
