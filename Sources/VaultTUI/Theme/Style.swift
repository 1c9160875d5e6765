/// A terminal colour: the terminal's own default, or an index into the 256-colour palette
/// (0–7 are the basic colours every colour terminal has).
public enum TermColor: Equatable, Hashable, Sendable {
    case terminalDefault
    case index(Int)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// `"default"`, a colour name, or a palette index 0–255 given as a number or a string.
    public init?(name: String) {
        let key = name.lowercased()
        if key == "default" || key.isEmpty {
            self = .terminalDefault
        } else if let i = TermColor.names[key] {
            self = .index(i)
        } else if let i = Int(key), (0...255).contains(i) {
            self = .index(i)
        } else {
            return nil
        }
    }

    /// The nearest of the 8 basic colours, for terminals without 256 colours.
    public var basic: TermColor {
        guard case .index(let i) = self else { return self }
        if i < 8 { return self }
        if i < 16 { return .index(i - 8) }
        let rgb: (Int, Int, Int)
        if i >= 232 {
            let level = (i - 232) * 10 + 8
            rgb = (level, level, level)
        } else {
            let c = i - 16
            let steps = [0, 95, 135, 175, 215, 255]
            rgb = (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
        }
        let bits = (rgb.0 > 127 ? 1 : 0) | (rgb.1 > 127 ? 2 : 0) | (rgb.2 > 127 ? 4 : 0)
        return .index(bits)
    }
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)

    static let names: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]
}

public struct Style: Equatable, Hashable, Sendable {
    public var fg: TermColor
    public var bg: TermColor
    public var attributes: TextAttributes

    public init(fg: TermColor = .terminalDefault, bg: TermColor = .terminalDefault, _ attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()
}
