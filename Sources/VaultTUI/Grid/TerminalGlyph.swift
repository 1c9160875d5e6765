/// What is sent to the terminal for a cell's grapheme: only what every terminal draws at the
/// width the grid gave it. Terminals disagree on emoji ZWJ sequences (kitty joins 👩‍👩‍👧 into one
/// wide glyph, tmux 3.3 and xterm draw three) and on modifiers and selectors, but all draw a base
/// character with a few combining marks the same; so the base and its marks are sent, the rest
/// of a sequence is left out, and no row can shift.
public enum TerminalGlyph {
    /// The base scalar and up to `InertText.maxMarks` combining marks after it (a space for an
    /// empty grapheme).
    public static func scalars(for grapheme: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in grapheme.unicodeScalars {
            if out.isEmpty {
                out.append(scalar)
                continue
            }
            let category = scalar.properties.generalCategory
            guard category == .nonspacingMark || category == .enclosingMark else { break }
            if out.count > InertText.maxMarks { break }
            out.append(scalar)
        }
        return out.isEmpty ? [" "] : out
    }
}
