import Foundation

/// A named table from role to style. Themes ship as JSON files in `Themes/`; one is compiled in
/// so the program works when no theme file can be found. Every role a file leaves out falls
/// back to the compiled-in theme.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: Role) -> Style { styles[role] ?? Theme.builtin.styles[role] ?? .plain }

    /// The compiled-in theme, named for what it is: the terminal's own background and foreground,
    /// the 8 basic colours for meaning, so it reads on light and dark terminals alike.
    public static let builtin = Theme(
        name: "terminal",
        styles: [
            .normal: Style(),
            .muted: Style([.dim]),
            .emphasis: Style([.bold]),
            .header: Style([.reverse]),
            .headerAccent: Style([.reverse, .bold]),
            .headerWarning: Style(fg: .index(1), [.reverse, .bold]),
            .tabActive: Style([.bold, .underline]),
            .tabInactive: Style(),
            .columnHeader: Style([.bold]),
            .selection: Style([.reverse]),
            .border: Style([.dim]),
            .ok: Style(fg: .index(2)),
            .warning: Style(fg: .index(3), [.bold]),
            .danger: Style(fg: .index(1), [.bold]),
            .countdown: Style(fg: .index(3), [.bold]),
            .lockNone: Style(fg: .index(1)),
            .lockGovernance: Style(fg: .index(3)),
            .lockGrace: Style(fg: .index(3), [.bold]),
            .lockCompliance: Style(fg: .index(2), [.bold]),
            .alertNew: Style(fg: .index(1), [.bold]),
            .alertAcknowledged: Style([.dim]),
            .critical: Style(fg: .index(1), [.bold, .reverse]),
            .footerKey: Style([.bold, .reverse]),
            .footerText: Style(),
            .status: Style(fg: .index(6), [.bold]),
            .dialog: Style(),
            .dialogTitle: Style([.bold]),
            .input: Style([.underline]),
        ])

    /// Attributes only, no colour: what `NO_COLOR` and terminals without colour get.
    public static let monochrome = Theme(
        name: "mono",
        styles: [
            .normal: Style(), .muted: Style([.dim]), .emphasis: Style([.bold]),
            .header: Style([.reverse]), .headerAccent: Style([.reverse, .bold]),
            .headerWarning: Style([.reverse, .bold, .underline]),
            .tabActive: Style([.bold, .underline]), .tabInactive: Style(),
            .columnHeader: Style([.bold]), .selection: Style([.reverse]), .border: Style([.dim]),
            .ok: Style(), .warning: Style([.bold]), .danger: Style([.bold, .underline]),
            .countdown: Style([.bold]), .lockNone: Style([.bold, .underline]), .lockGovernance: Style(),
            .lockGrace: Style([.bold]), .lockCompliance: Style(), .alertNew: Style([.bold]),
            .alertAcknowledged: Style([.dim]), .critical: Style([.bold, .reverse]),
            .footerKey: Style([.reverse]), .footerText: Style(), .status: Style([.bold]),
            .dialog: Style(), .dialogTitle: Style([.bold]), .input: Style([.underline]),
        ])
}

public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

extension Theme {
    private struct File: Decodable {
        struct Entry: Decodable {
            var fg: ColorName?
            var bg: ColorName?
            var attrs: [String]?
        }
        var name: String?
        var roles: [String: Entry]
    }

    /// A colour given as a name or a palette number.
    private struct ColorName: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { text = String(i) } else { text = try c.decode(String.self) }
        }
    }

    /// Parses a theme file. Errors name the file and the role at fault.
    public static func parse(_ data: Data, source: String) throws -> Theme {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ThemeError(description: "\(source): not a theme (\(Theme.describe(error)))")
        }
        var styles = builtin.styles
        for (key, entry) in file.roles {
            guard let role = Role(rawValue: key) else {
                throw ThemeError(description: "\(source): unknown role \"\(key)\"")
            }
            var style = Style()
            if let fg = entry.fg {
                guard let c = TermColor(name: fg.text) else {
                    throw ThemeError(description: "\(source): role \"\(key)\": unknown colour \"\(fg.text)\"")
                }
                style.fg = c
            }
            if let bg = entry.bg {
                guard let c = TermColor(name: bg.text) else {
                    throw ThemeError(description: "\(source): role \"\(key)\": unknown colour \"\(bg.text)\"")
                }
                style.bg = c
            }
            for a in entry.attrs ?? [] {
                guard let attr = TextAttributes.names[a.lowercased()] else {
                    throw ThemeError(description: "\(source): role \"\(key)\": unknown attribute \"\(a)\"")
                }
                style.attributes.insert(attr)
            }
            styles[role] = style
        }
        let fallback = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        return Theme(name: file.name ?? fallback, styles: styles)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        case DecodingError.keyNotFound(let k, _): return "missing \"\(k.stringValue)\""
        case DecodingError.typeMismatch(_, let c): return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
